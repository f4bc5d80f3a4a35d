package dev.onnxworkbench.models.runtime.inputs;

import java.util.List;

/**
 * How 8-bit pixel values become model values: {@code (pixel × scale − mean[c]) / std[c]} per channel c in
 * R, G, B order. The presets are the conventions image models are trained with.
 */
public record PixelScaling(String name, float scale, float[] mean, float[] std) {

    public static final PixelScaling ZERO_ONE = new PixelScaling("0 – 1", 1f / 255f, new float[] {0, 0, 0}, new float[] {1, 1, 1});
    public static final PixelScaling ZERO_255 = new PixelScaling("0 – 255", 1f, new float[] {0, 0, 0}, new float[] {1, 1, 1});
    public static final PixelScaling IMAGENET = new PixelScaling("ImageNet mean/std", 1f / 255f,
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    public static final PixelScaling MINUS_ONE_ONE = new PixelScaling("−1 – 1", 1f / 127.5f, new float[] {1, 1, 1}, new float[] {1, 1, 1});

    public static final List<PixelScaling> PRESETS = List.of(ZERO_ONE, ZERO_255, IMAGENET, MINUS_ONE_ONE);

    public PixelScaling {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need one value per channel (3)");
        }
        for (float s : std) {
            if (s == 0 || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std must be a non-zero number");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The command line's and the input-set file's word for a preset: 0-1, 0-255, imagenet, -1-1; custom otherwise. */
    public String key() {
        if (equalTo(ZERO_ONE)) {
            return "0-1";
        }
        if (equalTo(ZERO_255)) {
            return "0-255";
        }
        if (equalTo(IMAGENET)) {
            return "imagenet";
        }
        if (equalTo(MINUS_ONE_ONE)) {
            return "-1-1";
        }
        return "custom";
    }

    /** A preset by its {@link #key()}; empty for an unknown word (and for "custom", which needs mean and std). */
    public static java.util.Optional<PixelScaling> preset(String key) {
        String k = key.strip().toLowerCase(java.util.Locale.ROOT).replace('–', '-').replace('−', '-');
        return PRESETS.stream().filter(p -> p.key().equals(k)).findFirst();
    }

    private boolean equalTo(PixelScaling o) {
        return scale == o.scale && java.util.Arrays.equals(mean, o.mean) && java.util.Arrays.equals(std, o.std);
    }

    /** A user's own mean and std, both in pixel units (0–255), as many model cards state them. */
    public static PixelScaling custom(float[] mean, float[] std) {
        return new PixelScaling("Custom", 1f, mean, std);
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    float apply(int pixel, int channel) {
        return (pixel * scale - mean[channel]) / std[channel];
    }

    @Override
    public String toString() {
        return name;
    }
}
