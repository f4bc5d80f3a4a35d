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

    /** A user's own mean and std, both in pixel units (0–255), as many model cards state them. */
    public static PixelScaling custom(float[] mean, float[] std) {
        return new PixelScaling("Custom", 1f, mean, std);
    }

    float apply(int pixel, int channel) {
        return (pixel * scale - mean[channel]) / std[channel];
    }

    @Override
    public String toString() {
        return name;
    }
}
