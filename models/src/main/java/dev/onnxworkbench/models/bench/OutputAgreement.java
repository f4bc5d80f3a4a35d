package dev.onnxworkbench.models.bench;

/**
 * One output of a provider compared with the CPU reference on the same inputs.
 *
 * @param output      output name
 * @param maxAbsError largest |actual − reference| over all elements
 * @param maxRelError largest |actual − reference| / |reference| (elements with a zero reference and a
 *                    non-zero difference count as infinite)
 * @param mismatches  elements outside both tolerances
 * @param pass        every element within the absolute or the relative tolerance, shapes equal
 * @param note        why the output could not be compared, or null
 */
public record OutputAgreement(String output, double maxAbsError, double maxRelError, long mismatches,
                              boolean pass, String note) {
}
