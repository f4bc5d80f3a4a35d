package dev.onnxworkbench.models.diverge;

/**
 * The errors of one tensor of run A against the same tensor of run B (the reference).
 *
 * @param elements      elements compared
 * @param maxAbsError   largest |a − b| (infinite where exactly one side is NaN, or the infinities differ)
 * @param maxRelError   largest |a − b| / |b| (infinite where b is 0 and a is not)
 * @param meanAbsError  mean |a − b|
 * @param medianAbsError median |a − b|
 * @param meanAbsReference mean |b|: the reference's own magnitude, so an error can be read relative to it (a mean
 *                      error of 0.5 is noise on a tensor of hundreds and ruin on one of 0.1)
 * @param failing       elements with |a − b| > atol and |a − b| > rtol·|b| (Polygraphy's elementwise check)
 * @param pass          the verdict under the chosen {@link Metric}
 * @param message       empty when comparable; otherwise why not ("shape [1,8] against [1,9]")
 */
public record TensorError(long elements, double maxAbsError, double maxRelError, double meanAbsError,
                          double medianAbsError, double meanAbsReference, long failing, boolean pass,
                          String message) {

    /** mean |a − b| / mean |b|: NaN when the reference is all zeros or nothing was compared. */
    public double relativeMeanError() {
        return meanAbsReference > 0 ? meanAbsError / meanAbsReference : Double.NaN;
    }

    static TensorError incomparable(String message) {
        return new TensorError(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, false, message);
    }
}
