package dev.onnxworkbench.models.tensor;

/**
 * How close floating-point outputs must be: {@code |actual − expected| ≤ atol + rtol·|expected|}, like
 * NumPy's assert_allclose that the ONNX backend tests use. Integers, booleans and strings compare exactly.
 */
public record Tolerance(double rtol, double atol) {
    /** The ONNX backend test suite's defaults. */
    public static final Tolerance ONNX_BACKEND = new Tolerance(1e-3, 1e-7);

    public boolean accepts(double actual, double expected) {
        if (Double.isNaN(actual) || Double.isNaN(expected)) {
            return Double.isNaN(actual) && Double.isNaN(expected);
        }
        if (Double.isInfinite(actual) || Double.isInfinite(expected)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }
}
