package dev.onnxworkbench.models.graph;

import java.util.List;

/** The value of a node attribute, one case per ONNX AttributeType. */
public sealed interface AttributeValue {

    record FloatValue(float value) implements AttributeValue {}

    record IntValue(long value) implements AttributeValue {}

    /** ONNX strings are bytes; {@code text} is their UTF-8 reading. */
    record StringValue(String text) implements AttributeValue {}

    record TensorValue(Tensor tensor) implements AttributeValue {}

    record GraphValue(Graph graph) implements AttributeValue {}

    record SparseTensorValue(SparseTensor tensor) implements AttributeValue {}

    record TypeValue(ValueType type) implements AttributeValue {}

    record Floats(List<Float> values) implements AttributeValue {
        public Floats {
            values = List.copyOf(values);
        }
    }

    record Ints(List<Long> values) implements AttributeValue {
        public Ints {
            values = List.copyOf(values);
        }
    }

    record Strings(List<String> values) implements AttributeValue {
        public Strings {
            values = List.copyOf(values);
        }
    }

    record Tensors(List<Tensor> values) implements AttributeValue {
        public Tensors {
            values = List.copyOf(values);
        }
    }

    record Graphs(List<Graph> values) implements AttributeValue {
        public Graphs {
            values = List.copyOf(values);
        }
    }

    record SparseTensors(List<SparseTensor> values) implements AttributeValue {
        public SparseTensors {
            values = List.copyOf(values);
        }
    }

    record TypeValues(List<ValueType> values) implements AttributeValue {
        public TypeValues {
            values = List.copyOf(values);
        }
    }

    /** An attribute inside a function body that refers to an attribute of the calling node. */
    record Reference(String parentAttributeName) implements AttributeValue {}

    /** An attribute with no value set (type UNDEFINED). */
    record Undefined() implements AttributeValue {}
}
