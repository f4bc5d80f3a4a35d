package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value as stored in ONNX test-data files (onnx-data.proto): a tensor, a sequence, a map or an
 * optional. Tensors keep their values lazy ({@link Tensor#data()}).
 */
public sealed interface DataValue {

    /** The name stored in the file; often empty. */
    String name();

    /** The value's type, as ONNX would declare it. */
    ValueType type();

    record TensorValue(Tensor tensor) implements DataValue {
        @Override
        public String name() {
            return tensor.name();
        }

        @Override
        public ValueType type() {
            return tensor.type();
        }
    }

    /** A sequence; {@code elementType} is what the file declares (elements may be empty). */
    record SequenceValue(String name, ValueType elementType, List<DataValue> elements) implements DataValue {
        public SequenceValue {
            elements = List.copyOf(elements);
        }

        @Override
        public ValueType type() {
            return new ValueType.SequenceType(elementType);
        }
    }

    /**
     * A map: integer keys ({@code intKeys}) or string keys ({@code stringKeys}), one list empty, and
     * the values as a sequence in key order.
     */
    record MapValue(String name, ElementType keyType, List<Long> intKeys, List<String> stringKeys,
                    SequenceValue values) implements DataValue {
        public MapValue {
            intKeys = List.copyOf(intKeys);
            stringKeys = List.copyOf(stringKeys);
        }

        public int size() {
            return keyType == ElementType.STRING ? stringKeys.size() : intKeys.size();
        }

        /** Keys as objects (Long or String), in file order. */
        public List<Object> keys() {
            return new ArrayList<>(keyType == ElementType.STRING ? stringKeys : intKeys);
        }

        @Override
        public ValueType type() {
            return new ValueType.MapType(keyType, values.elementType());
        }
    }

    /** An optional: empty means "no value" (None). */
    record OptionalValue(String name, ValueType elementType, Optional<DataValue> value) implements DataValue {
        @Override
        public ValueType type() {
            return new ValueType.OptionalType(elementType);
        }
    }
}
