package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns test-data values ({@link DataValue}, read from {@code .pb} files) into values the runtime feeds and compares. */
public final class DataValueConversions {
    private DataValueConversions() {
    }

    /** An input value: only tensors can be fed to ONNX Runtime from Java. */
    public static HostTensor toInput(String name, DataValue value) throws WorkbenchException {
        if (value instanceof DataValue.TensorValue t) {
            return HostTensor.fromTensor(t.tensor());
        }
        throw new UnsupportedValueException("The input '" + name + "' is a " + kind(value)
                + "; ONNX Runtime's Java API can only pass tensors as inputs.");
    }

    /** An expected output, in the shape the runtime reports outputs (maps as key → scalar). */
    public static OutputValue toExpected(String name, DataValue value) throws WorkbenchException {
        return switch (value) {
            case DataValue.TensorValue t -> new OutputValue.TensorValue(HostTensor.fromTensor(t.tensor()));
            case DataValue.SequenceValue s -> {
                List<OutputValue> elements = new ArrayList<>();
                for (DataValue element : s.elements()) {
                    elements.add(toExpected(name, element));
                }
                yield new OutputValue.SequenceValue(elements);
            }
            case DataValue.MapValue m -> {
                Map<Object, Object> entries = new LinkedHashMap<>();
                List<Object> keys = m.keys();
                List<DataValue> values = m.values().elements();
                for (int i = 0; i < keys.size(); i++) {
                    entries.put(keys.get(i), i < values.size() ? scalar(name, values.get(i)) : null);
                }
                yield new OutputValue.MapValue(entries);
            }
            case DataValue.OptionalValue o -> throw new UnsupportedValueException("The output '" + name
                    + "' is an optional; ONNX Runtime's Java API does not return optional values.");
        };
    }

    private static Object scalar(String name, DataValue value) throws WorkbenchException {
        if (!(value instanceof DataValue.TensorValue t)) {
            throw new UnsupportedValueException("The map output '" + name + "' has " + kind(value) + " values.");
        }
        HostTensor h = HostTensor.fromTensor(t.tensor());
        if (h.elementCount() != 1) {
            throw new UnsupportedValueException("The map output '" + name + "' has tensor values of shape "
                    + Shapes.format(h.shape()) + "; only scalars are compared.");
        }
        return switch (h.elementType()) {
            case FLOAT -> (float) h.getDouble(0);
            case DOUBLE -> h.getDouble(0);
            case STRING -> h.format(0);
            case INT64, INT32, INT16, INT8, UINT8, UINT16, UINT32 -> (long) h.getDouble(0);
            default -> h.getDouble(0);
        };
    }

    private static String kind(DataValue value) {
        return switch (value) {
            case DataValue.TensorValue t -> "tensor";
            case DataValue.SequenceValue s -> "sequence";
            case DataValue.MapValue m -> "map";
            case DataValue.OptionalValue o -> "optional";
        };
    }
}
