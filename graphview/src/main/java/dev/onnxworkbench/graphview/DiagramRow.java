package dev.onnxworkbench.graphview;

/**
 * One text line in a node box, drawn as {@code name value}: "W ⟨64×3×7×7⟩", "kernel_shape = 3,3".
 * Weight rows and attribute rows look different (Netron draws weights with the name bold).
 */
public record DiagramRow(Kind kind, String name, String value) {
    public enum Kind { WEIGHT, ATTRIBUTE }
}
