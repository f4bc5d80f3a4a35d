package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a picture into an image input's tensor with {@link ImageSettings}: the target size, the resize, the
 * channel layout and order, the scaling. The one implementation behind the window's image editor, the command
 * line's {@code --input x=photo.png}, saved input sets and batch rows, so the same settings give the same bytes.
 *
 * <p><b>Size.</b> A fixed height or width of the model is used as it is (a size the user set that contradicts
 * it is refused). A free side takes, in order: the size in the settings, a size already chosen for its
 * dimension (a form's size field, {@code --dim}, {@code --shape}), the picture's own size — rounded to a
 * multiple of the model's stride ({@link ModelStride}), or, when the other side is fixed, scaled to keep the
 * picture's aspect ratio. A picture is never silently shrunk to a default size.
 */
public final class ImagePreprocessor {

    private ImagePreprocessor() {}

    /** The tensor, the settings with the size it ran at, and a sentence that says how it was made. */
    public record Prepared(HostTensor tensor, ImageSettings settings, String description) {}

    /**
     * @param name     the file name, for the description
     * @param sizes    sizes already chosen for free dimensions (may be empty)
     * @param stride   the model's stride for this input ({@link ModelStride#of}), {@link ModelStride#NONE} for none
     */
    public static Prepared prepare(Picture picture, String name, InputSpec spec, ImageSettings settings,
                                   Map<String, Long> sizes, ModelStride stride) throws InvalidInputException {
        ImageLayout layout = settings.layout();
        int rank = spec.shape().rankKnown() ? spec.shape().rank() : 4;
        if (rank != 4) {
            throw new InvalidInputException("The input '" + spec.name() + "' (" + spec.typeDescription()
                    + ") is not an image tensor (N×C×H×W or N×H×W×C), so " + name + " cannot fill it.");
        }
        int cAxis = layout == ImageLayout.NCHW ? 1 : 3;
        int hAxis = layout == ImageLayout.NCHW ? 2 : 1;
        int wAxis = layout == ImageLayout.NCHW ? 3 : 2;
        Long fixedC = fixed(spec, cAxis);
        int channels = fixedC == null ? 3 : fixedC.intValue();
        if (channels != 1 && channels != 3) {
            throw new InvalidInputException("The input '" + spec.name() + "' (" + spec.typeDescription() + ") has "
                    + channels + " channels on axis " + cAxis + " for layout " + layout.name().toLowerCase(Locale.ROOT)
                    + "; pictures give 1 or 3. Choose the other layout (--layout nchw|nhwc).");
        }
        Long fixedH = fixed(spec, hAxis);
        Long fixedW = fixed(spec, wAxis);
        Long chosenH = chosen(spec, hAxis, sizes);
        Long chosenW = chosen(spec, wAxis, sizes);
        int w;
        int h;
        String how;
        if (settings.width() != null) {
            w = settings.width();
            h = settings.height();
            if ((fixedW != null && fixedW != w) || (fixedH != null && fixedH != h)) {
                throw new InvalidInputException("The image size " + w + "×" + h + " does not fit " + spec.name() + " ("
                        + spec.typeDescription() + "), which fixes " + (fixedW != null ? "the width at " + fixedW : "")
                        + (fixedW != null && fixedH != null ? " and " : "")
                        + (fixedH != null ? "the height at " + fixedH : "") + ".");
            }
            how = "size set" + (w % stride.width() != 0 || h % stride.height() != 0 ? "; not a multiple of "
                    + stride + ", the model's stride, which it may need" : "");
        } else if (fixedW != null && fixedH != null) {
            w = fixedW.intValue();
            h = fixedH.intValue();
            how = "the model's size";
        } else if ((fixedW != null || chosenW != null) && (fixedH != null || chosenH != null)) {
            w = (int) (long) (fixedW != null ? fixedW : chosenW);
            h = (int) (long) (fixedH != null ? fixedH : chosenH);
            how = "the chosen size";
        } else if (fixedH != null || chosenH != null) {
            h = (int) (long) (fixedH != null ? fixedH : chosenH);
            w = ModelStride.round(Math.max(1, (int) Math.ceil(picture.width() * (double) h / picture.height())),
                    stride.width());
            how = "width kept in proportion" + strideNote(stride.width());
        } else if (fixedW != null || chosenW != null) {
            w = (int) (long) (fixedW != null ? fixedW : chosenW);
            h = ModelStride.round(Math.max(1, (int) Math.ceil(picture.height() * (double) w / picture.width())),
                    stride.height());
            how = "height kept in proportion" + strideNote(stride.height());
        } else {
            w = ModelStride.round(picture.width(), stride.width());
            h = ModelStride.round(picture.height(), stride.height());
            how = "own size" + (stride.width() > 1 || stride.height() > 1 ? ", rounded to a multiple of " + stride
                    + ", the model's stride" : "");
        }
        long[] shape = new long[4];
        Long fixedN = fixed(spec, 0);
        Long chosenN = chosen(spec, 0, sizes);
        int batch = (int) (long) (fixedN != null ? fixedN : chosenN != null ? chosenN : 1L);
        shape[0] = batch;
        shape[cAxis] = channels;
        shape[hAxis] = h;
        shape[wAxis] = w;
        InputSetBuilder.checkSize(spec.name(), type(spec), shape);
        Picture resized = PictureResizer.resize(picture, w, h, settings.resize());
        HostTensor tensor = ImageEncoder.encode(resized.argb(), w, h, batch,
                new ImageEncoder.Encoding(layout, settings.bgr(), channels, settings.scaling(), type(spec)));
        ImageSettings resolved = settings.withSize(w, h);
        String sized = picture.width() == w && picture.height() == h ? w + "×" + h + " (" + how + ")"
                : picture.width() + "×" + picture.height() + " → " + w + "×" + h + " (" + how + ")";
        String rest = resolved.describe().substring(resolved.describe().indexOf(',') + 2);
        return new Prepared(tensor, resolved, "from " + name + ", " + sized + ", " + rest);
    }

    /** The picture at {@code width}×{@code height}, met as {@code mode} says (Pillow-style bilinear filtering). */
    public static Picture resize(Picture picture, int width, int height, ResizeMode mode) {
        return PictureResizer.resize(picture, width, height, mode);
    }

    private static String strideNote(int stride) {
        return stride > 1 ? ", rounded to a multiple of " + stride + ", the model's stride" : "";
    }

    private static ElementType type(InputSpec spec) throws InvalidInputException {
        ElementType t = spec.elementType() == ElementType.UNDEFINED ? ElementType.FLOAT : spec.elementType();
        return switch (t) {
            case FLOAT, DOUBLE, FLOAT16, UINT8 -> t;
            default -> throw new InvalidInputException("The input '" + spec.name() + "' takes " + t.displayName()
                    + " values; pictures become float32, float64, float16 or uint8 tensors only.");
        };
    }

    private static Long fixed(InputSpec spec, int axis) {
        return spec.shape().rankKnown() && spec.shape().dims().get(axis) instanceof Dimension.Fixed f ? f.value() : null;
    }

    private static Long chosen(InputSpec spec, int axis, Map<String, Long> sizes) {
        if (!spec.shape().rankKnown()) {
            return null;
        }
        String p = spec.sizeParameter(axis);
        Long s = p == null ? null : sizes.get(p);
        return s == null || s < 1 ? null : s;
    }
}
