package dev.onnxworkbench.models.tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value a model produced, copied out of ONNX Runtime (nothing native is held): a tensor, a sequence
 * of values, or a map (ONNX-ML ZipMap produces a sequence of maps from label to probability).
 */
public sealed interface OutputValue {

    /** "float32 1×6", "sequence of 2 maps", "map of 3 entries". */
    String describe();

    /** A tensor output. */
    record TensorValue(HostTensor tensor) implements OutputValue {
        @Override
        public String describe() {
            return tensor.describe();
        }
    }

    /** A sequence output (sequence of tensors, or of maps for ZipMap). */
    record SequenceValue(List<OutputValue> elements) implements OutputValue {
        public SequenceValue {
            elements = List.copyOf(elements);
        }

        @Override
        public String describe() {
            String kind = elements.isEmpty() ? "values"
                    : elements.getFirst() instanceof MapValue ? "maps"
                    : elements.getFirst() instanceof TensorValue ? "tensors" : "values";
            return "sequence of " + elements.size() + " " + kind;
        }

        /** The elements as maps, for ZipMap's {@code List<Map<String|Long, Float>>}; empty when they are not maps. */
        public List<Map<Object, Object>> asMaps() {
            List<Map<Object, Object>> maps = new ArrayList<>();
            for (OutputValue element : elements) {
                if (!(element instanceof MapValue map)) {
                    return List.of();
                }
                maps.add(map.entries());
            }
            return maps;
        }
    }

    /** A map output: keys are String or Long, values Float, Double, Long or String, in ONNX Runtime's order. */
    record MapValue(Map<Object, Object> entries) implements OutputValue {
        public MapValue {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "map of " + entries.size() + " entries";
        }
    }
}
