package dev.onnxworkbench.models.optimize;

/**
 * Original nodes that ONNX Runtime replaced by one node: {@code count} times the pattern {@code opType}
 * ("Conv+BatchNormalization+Relu", in graph order) became a node of type {@code into} ("com.microsoft.FusedConv",
 * or "Conv" when a BatchNormalization was folded into the convolution's weights).
 */
public record Fusion(String into, String opType, int count) {

    /** "3 × Conv+BatchNormalization+Relu → com.microsoft.FusedConv". */
    @Override
    public String toString() {
        return count + " × " + opType + " → " + into;
    }
}
