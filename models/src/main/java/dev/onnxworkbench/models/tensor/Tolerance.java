package dev.onnxworkbench.models.tensor;

/**
 * How close floating-point values must be, with one rule everywhere (bench's agreement, verify, diverge, tune,
 * Predict's expected outputs, the optimizer's check): Polygraphy's — an element <b>fails only when both</b> its
 * absolute error {@code |a − e|} exceeds {@code atol} <b>and</b> its relative error {@code |a − e| / |e|}
 * exceeds {@code rtol} (relative error is infinite where {@code e} is 0 and they differ). NaN equals only NaN,
 * an infinity only the same infinity. Integers, booleans and strings compare exactly elsewhere.
 *
 * @param rtol the relative tolerance
 * @param atol the absolute tolerance
 */
public record Tolerance(double rtol, double atol) {
    /** The ONNX backend test suite's tolerances (verify, Predict's expected outputs). */
    public static final Tolerance ONNX_BACKEND = new Tolerance(1e-3, 1e-7);

    /** Provider agreement in bench, Compare and tune: relative 1e-3, absolute 1e-5. */
    public static final Tolerance DEFAULT = new Tolerance(1e-3, 1e-5);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("tolerances must be zero or positive");
        }
    }

    /** The rule on errors already measured: false only when both exceed (a NaN error fails). */
    public boolean acceptsErrors(double absError, double relError) {
        return absError <= atol || relError <= rtol;
    }

    /** The rule on one pair of values. */
    public boolean accepts(double actual, double expected) {
        if (Double.isNaN(actual) || Double.isNaN(expected)) {
            return Double.isNaN(actual) && Double.isNaN(expected);
        }
        if (Double.isInfinite(actual) || Double.isInfinite(expected)) {
            return actual == expected;
        }
        double abs = Math.abs(actual - expected);
        double rel = expected == 0 ? (abs == 0 ? 0 : Double.POSITIVE_INFINITY) : abs / Math.abs(expected);
        return acceptsErrors(abs, rel);
    }
}
