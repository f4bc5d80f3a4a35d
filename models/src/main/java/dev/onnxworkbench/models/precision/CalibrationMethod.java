package dev.onnxworkbench.models.precision;

import java.util.Locale;
import java.util.Optional;

/** How calibration turns observed activations into a quantization range (as onnxruntime's calibrate.py). */
public enum CalibrationMethod {
    /** The smallest and largest value seen. */
    MINMAX,
    /** Clip at a percentile of |x| (99.999 by default), from a streamed histogram. */
    PERCENTILE,
    /** The threshold whose 128-level quantization loses least information (KL divergence), from a streamed histogram. */
    ENTROPY,
    /**
     * The clipping threshold with the smallest expected squared error (rounding inside the range, clipping outside),
     * from a streamed histogram: heavy-tailed activations get a narrower range, tensors without outliers keep
     * (nearly) their whole range (pytorch-quantization's and OpenVINO's "mse").
     */
    MSE;

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CalibrationMethod> parse(String text) {
        for (CalibrationMethod m : values()) {
            if (m.displayName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
