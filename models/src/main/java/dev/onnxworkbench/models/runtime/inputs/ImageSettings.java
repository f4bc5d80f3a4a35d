package dev.onnxworkbench.models.runtime.inputs;

import java.util.Locale;

/**
 * How a picture becomes an image tensor: the size it is resized to (null width and height: the model's fixed
 * size, else the picture's own size rounded to the model's stride), how it is resized, the channel layout,
 * the channel order and the pixel scaling. The same settings give the same bytes in the window, the command
 * line, a saved input set and a batch job ({@link ImagePreprocessor}).
 *
 * @param width   target width in pixels, or null to let the model or the picture decide
 * @param height  target height in pixels, or null (both or neither)
 * @param resize  how the picture meets the target size
 * @param layout  NCHW or NHWC
 * @param bgr     channels in B, G, R order (OpenCV-trained models) instead of R, G, B
 * @param scaling how 8-bit pixel values become model values (ignored for uint8 inputs)
 */
public record ImageSettings(Integer width, Integer height, ResizeMode resize, ImageLayout layout, boolean bgr,
                            PixelScaling scaling) {

    public ImageSettings {
        if ((width == null) != (height == null)) {
            throw new IllegalArgumentException("give both width and height, or neither");
        }
        if (width != null && (width < 1 || height < 1)) {
            throw new IllegalArgumentException("an image size must be at least 1×1");
        }
        if (resize == null || layout == null || scaling == null) {
            throw new IllegalArgumentException("resize, layout and scaling are required");
        }
    }

    /** What an image input starts with: its own size, stretched, the model's layout, RGB, 0–1 (0–255 for uint8). */
    public static ImageSettings defaults(InputSpec spec) {
        return new ImageSettings(null, null, ResizeMode.STRETCH,
                spec.imageLayout() == null ? ImageLayout.NCHW : spec.imageLayout(), false,
                spec.elementType().isFloatingPoint() ? PixelScaling.ZERO_ONE : PixelScaling.ZERO_255);
    }

    public ImageSettings withSize(Integer w, Integer h) {
        return new ImageSettings(w, h, resize, layout, bgr, scaling);
    }

    public ImageSettings withResize(ResizeMode r) {
        return new ImageSettings(width, height, r, layout, bgr, scaling);
    }

    public ImageSettings withLayout(ImageLayout l) {
        return new ImageSettings(width, height, resize, l, bgr, scaling);
    }

    public ImageSettings withBgr(boolean b) {
        return new ImageSettings(width, height, resize, layout, b, scaling);
    }

    public ImageSettings withScaling(PixelScaling s) {
        return new ImageSettings(width, height, resize, layout, bgr, s);
    }

    /** "640×640, stretch, nchw, rgb, 0-1": what a header, a JSON {@code source} and a report show. */
    public String describe() {
        return (width == null ? "own size" : width + "×" + height) + ", " + resize.key() + ", "
                + layout.name().toLowerCase(Locale.ROOT) + ", " + (bgr ? "bgr" : "rgb") + ", " + scalingText();
    }

    private String scalingText() {
        String key = scaling.key();
        if (!key.equals("custom")) {
            return key;
        }
        float[] m = scaling.mean();
        float[] s = scaling.std();
        return String.format(Locale.ROOT, "mean %s/%s/%s std %s/%s/%s", n(m[0]), n(m[1]), n(m[2]), n(s[0]), n(s[1]),
                n(s[2]));
    }

    private static String n(float v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Float.toString(v);
    }

    /** Parses {@code 640x640} (or 640×640, 640,640): width then height. */
    public static int[] parseSize(String text) throws InvalidInputException {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("[x×,]", -1);
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].strip());
                int h = Integer.parseInt(parts[1].strip());
                if (w >= 1 && h >= 1) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new InvalidInputException("'" + text + "' is not an image size; write WIDTHxHEIGHT, e.g. 640x640.");
    }
}
