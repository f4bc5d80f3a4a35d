package dev.onnxworkbench.models.graph;

import java.util.Map;

/** A named value with its declared type: a graph input, output or value_info entry. */
public record ValueInfo(String name, ValueType type, String docString, Map<String, String> metadata) {
    public ValueInfo {
        metadata = Map.copyOf(metadata);
    }

    public ValueInfo(String name, ValueType type) {
        this(name, type, "", Map.of());
    }
}
