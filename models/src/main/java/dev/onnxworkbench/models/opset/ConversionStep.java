package dev.onnxworkbench.models.opset;

/**
 * What one converter did: {@code nodes} nodes of {@code opType} moved to the version opset {@code toOpset}
 * introduced ({@code change} says how; "unchanged" when only the version number moved).
 */
public record ConversionStep(String opType, int toOpset, int nodes, String change) {
}
