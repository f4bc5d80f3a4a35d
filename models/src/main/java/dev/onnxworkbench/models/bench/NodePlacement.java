package dev.onnxworkbench.models.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which execution provider ran which nodes, from ONNX Runtime's profiler ("Node" events of one run).
 * A provider that fuses a subgraph (TensorRT) shows the fused node, so "TensorRT ran 3 fused nodes,
 * CPU ran 40" is visible.
 *
 * @param nodesByProvider provider short name (CPU, CUDA, TensorRT) → node names in execution order
 */
public record NodePlacement(Map<String, List<String>> nodesByProvider) {
    public static final NodePlacement NONE = new NodePlacement(Map.of());

    public NodePlacement {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        nodesByProvider.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        nodesByProvider = Collections.unmodifiableMap(copy);
    }

    /** Node count per provider. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        nodesByProvider.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }

    public boolean isEmpty() {
        return nodesByProvider.isEmpty();
    }

    /** "CPU 12, CUDA 3" for tables. */
    public String summary() {
        return counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
