package dev.onnxworkbench.models.diverge;

/**
 * The errors of one tensor of run A against the same tensor of run B (the reference).
 *
 * @param elements      elements compared
 * @param maxAbsError   largest |a − b| (infinite where exactly one side is NaN, or the infinities differ)
 * @param maxRelError   largest |a − b| / |b| (infinite where b is 0 and a is not)
 * @param meanAbsError  mean |a − b|
 * @param medianAbsError median |a − b|
 * @param failing       elements with |a − b| > atol and |a − b| > rtol·|b| (Polygraphy's elementwise check)
 * @param pass          the verdict under the chosen {@link Metric}
 * @param message       empty when comparable; otherwise why not ("shape [1,8] against [1,9]")
 */
public record TensorError(long elements, double maxAbsError, double maxRelError, double meanAbsError,
                          double medianAbsError, long failing, boolean pass, String message) {

    static TensorError incomparable(String message) {
        return new TensorError(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, false, message);
    }
}
