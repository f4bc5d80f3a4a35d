package dev.onnxworkbench.models.precision;

import java.util.Set;

/**
 * How {@link StaticQuantizer} and {@link DynamicQuantizer} quantize.
 *
 * @param method                calibration method (static only)
 * @param perChannel            one scale per output channel of each weight (needs opset 13)
 * @param symmetricActivations  int8 activations with zero point 0 (S8S8) instead of uint8 with a zero point (U8S8,
 *                              the fast path on x86)
 * @param exclude               node names and operator types kept in float
 * @param percentile            the percentile of |x| for {@link CalibrationMethod#PERCENTILE}
 */
public record QuantizeOptions(CalibrationMethod method, boolean perChannel, boolean symmetricActivations,
                              Set<String> exclude, double percentile) {
    public QuantizeOptions {
        exclude = Set.copyOf(exclude);
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + percentile);
        }
    }

    public static QuantizeOptions defaults() {
        return new QuantizeOptions(CalibrationMethod.MINMAX, false, false, Set.of(), 99.999);
    }

    public QuantizeOptions withExclude(Set<String> more) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(exclude);
        all.addAll(more);
        return new QuantizeOptions(method, perChannel, symmetricActivations, all, percentile);
    }
}
