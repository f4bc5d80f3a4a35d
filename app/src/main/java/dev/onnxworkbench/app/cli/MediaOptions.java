package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How pictures and recordings given with {@code --input} become tensors: the command line's words for
 * {@link ImageSettings} and {@link AudioSettings}. A setting left out keeps the window's default (the picture's
 * own size rounded to the model's stride, stretch, the model's layout, RGB, 0–1; the recording's rate, mono mix,
 * all of it).
 */
final class MediaOptions {

    @Option(names = "--image-size", paramLabel = "WxH",
            description = "resize pictures to this width and height (default: the model's fixed size, else the "
                    + "picture's own size rounded to a multiple of the model's stride)")
    String imageSize;

    @Option(names = "--resize", paramLabel = "stretch|letterbox|crop",
            description = "how a picture meets the size: stretch (default), letterbox (keep aspect, pad gray), crop "
                    + "(keep aspect, cut the middle)")
    String resize;

    @Option(names = "--scaling", paramLabel = "0-1|0-255|imagenet|-1-1|custom",
            description = "pixel values: 0-1 (default), 0-255, imagenet (mean/std), -1-1, or custom with --mean/--std")
    String scaling;

    @Option(names = "--mean", paramLabel = "R,G,B", description = "custom scaling: the mean per channel, in pixel units (0–255)")
    String mean;

    @Option(names = "--std", paramLabel = "R,G,B", description = "custom scaling: the std per channel, in pixel units (0–255)")
    String std;

    @Option(names = "--layout", paramLabel = "nchw|nhwc", description = "where the channels go (default: what the model's shape says)")
    String layout;

    @Option(names = "--channels", paramLabel = "rgb|bgr", description = "channel order (default: rgb)")
    String channels;

    @Option(names = "--sample-rate", paramLabel = "HZ",
            description = "resample recordings to this rate (default: the value given to the model's sample-rate "
                    + "input, else the file's own)")
    Integer sampleRate;

    @Option(names = "--audio-channel", paramLabel = "N|mix", description = "which channel of a recording (0, 1, …) or mix (default: the average)")
    String audioChannel;

    @Option(names = "--audio-offset", paramLabel = "SECONDS", description = "start this far into the recording (default 0)")
    Double audioOffset;

    @Option(names = "--audio-length", paramLabel = "SECONDS", description = "use only this much of the recording (default: to the end)")
    Double audioLength;

    /** Whether any picture setting was given (a batch job then keeps them for every input). */
    boolean givesImageSettings() {
        return imageSize != null || resize != null || scaling != null || mean != null || std != null || layout != null
                || channels != null;
    }

    boolean givesAudioSettings() {
        return sampleRate != null || audioChannel != null || audioOffset != null || audioLength != null;
    }

    ImageSettings imageSettings(InputSpec spec) throws InvalidInputException {
        ImageSettings s = ImageSettings.defaults(spec);
        if (imageSize != null) {
            int[] wh = ImageSettings.parseSize(imageSize);
            s = s.withSize(wh[0], wh[1]);
        }
        if (resize != null) {
            s = s.withResize(ResizeMode.parse(resize).orElseThrow(() -> new InvalidInputException(
                    "--resize " + resize + ": use stretch, letterbox or crop.")));
        }
        if (layout != null) {
            try {
                s = s.withLayout(ImageLayout.valueOf(layout.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--layout " + layout + ": use nchw or nhwc.");
            }
        }
        if (channels != null) {
            String c = channels.strip().toLowerCase(Locale.ROOT);
            if (!c.equals("rgb") && !c.equals("bgr")) {
                throw new InvalidInputException("--channels " + channels + ": use rgb or bgr.");
            }
            s = s.withBgr(c.equals("bgr"));
        }
        if (scaling != null && scaling.strip().equalsIgnoreCase("custom") || scaling == null && (mean != null || std != null)) {
            if (mean == null || std == null) {
                throw new InvalidInputException("Custom scaling needs both --mean R,G,B and --std R,G,B (pixel units, 0–255).");
            }
            s = s.withScaling(PixelScaling.custom(three("--mean", mean), three("--std", std)));
        } else if (scaling != null) {
            s = s.withScaling(PixelScaling.preset(scaling).orElseThrow(() -> new InvalidInputException(
                    "--scaling " + scaling + ": use 0-1, 0-255, imagenet, -1-1 or custom (with --mean and --std).")));
        }
        return s;
    }

    AudioSettings audioSettings() throws InvalidInputException {
        Integer channel = null;
        if (audioChannel != null && !audioChannel.strip().equalsIgnoreCase("mix")) {
            try {
                channel = Integer.valueOf(audioChannel.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--audio-channel " + audioChannel + ": use a channel number (0, 1, …) or mix.");
            }
        }
        try {
            return new AudioSettings(sampleRate, channel, audioOffset == null ? 0 : audioOffset, audioLength);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--sample-rate/--audio-channel/--audio-offset/--audio-length: "
                    + e.getMessage() + ".");
        }
    }

    private static float[] three(String flag, String text) throws InvalidInputException {
        List<String> tokens = ValueParser.tokens(text);
        if (tokens.size() != 3) {
            throw new InvalidInputException(flag + " " + text + ": give 3 numbers (R, G, B).");
        }
        float[] v = new float[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Float.parseFloat(tokens.get(i));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(flag + " " + text + ": '" + tokens.get(i) + "' is not a number.");
            }
            if (!Float.isFinite(v[i]) || flag.equals("--std") && v[i] == 0) {
                throw new InvalidInputException(flag + " " + text + ": " + (flag.equals("--std") ? "std values must be "
                        + "finite and not 0." : "mean values must be finite."));
            }
        }
        return v;
    }
}
