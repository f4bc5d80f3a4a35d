package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.util.Map;

/**
 * What a subgraph body sees of the graphs around it (ONNX outer-scope values): for each value name,
 * the diagram id of the box that produces it, the weight behind it, its type. Inner graphs shadow
 * outer ones. Immutable chain; each level keeps a reference to its graph's maps, no copies.
 */
record OuterScope(OuterScope parent, Map<String, String> producers, Map<String, Tensor> weights,
                  Map<String, ValueInfo> types) {

    static final OuterScope NONE = new OuterScope(null, Map.of(), Map.of(), Map.of());

    /** The scope a body of a graph with these maps sees. */
    OuterScope enter(Map<String, String> graphProducers, Map<String, Tensor> graphWeights,
                     Map<String, ValueInfo> graphTypes) {
        return new OuterScope(this, graphProducers, graphWeights, graphTypes);
    }

    /** The box producing an outer value, or null (weights have no box). */
    String producer(String value) {
        for (OuterScope s = this; s != null; s = s.parent) {
            String id = s.producers.get(value);
            if (id != null) {
                return id;
            }
            if (s.weights.containsKey(value)) {
                return null; // shadowed by a weight of a nearer graph
            }
        }
        return null;
    }

    Tensor weight(String value) {
        for (OuterScope s = this; s != null; s = s.parent) {
            if (s.producers.containsKey(value)) {
                return null;
            }
            Tensor t = s.weights.get(value);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    ValueInfo type(String value) {
        for (OuterScope s = this; s != null; s = s.parent) {
            ValueInfo v = s.types.get(value);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
