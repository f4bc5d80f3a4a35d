package dev.onnxworkbench.models.tensor;

/**
 * How one output compares with its expected value.
 *
 * @param maxAbsError largest |actual − expected| over the elements (0 for exact types that match)
 * @param maxRelError largest |actual − expected| / |expected| over elements whose expected value is not 0
 * @param message     empty when it passes; otherwise the first difference, for a person
 */
public record Comparison(String name, double maxAbsError, double maxRelError, boolean pass, String message) {
}
