package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.models.graph.ValueType;

/** Netron's type notation for the panels: {@code float32[1,3,224,224]}, {@code sequence<float32[?]>}. */
final class ValueTypeText {
    private ValueTypeText() {}

    static String of(ValueType type) {
        return type == null ? "" : type.toString();
    }
}
