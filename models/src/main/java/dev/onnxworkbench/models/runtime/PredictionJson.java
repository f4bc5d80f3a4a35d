package dev.onnxworkbench.models.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.util.Map;

/**
 * JSON for outputs (the {@code run --json} contract, also used to export results): per output its
 * name, type, shape, element count, the first values, and min/max/mean for numeric tensors.
 */
public final class PredictionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PredictionJson() {
    }

    /** {@code {name, type, shape, elementCount, values, min, max, mean}} for one output. */
    public static ObjectNode output(String name, OutputValue value, int maxValues) {
        ObjectNode o = NODES.objectNode();
        o.put("name", name);
        switch (value) {
            case OutputValue.TensorValue t -> {
                HostTensor tensor = t.tensor();
                o.put("type", tensor.elementType().displayName());
                ArrayNode shape = o.putArray("shape");
                for (long d : tensor.shape()) {
                    shape.add(d);
                }
                o.put("elementCount", tensor.elementCount());
                o.set("values", values(tensor, maxValues));
                if (!tensor.isString() && tensor.elementCount() > 0) {
                    statistics(tensor, o);
                }
            }
            case OutputValue.SequenceValue s -> {
                o.put("type", "sequence");
                o.putNull("shape");
                o.put("elementCount", s.elements().size());
                ArrayNode values = o.putArray("values");
                for (int i = 0; i < Math.min(maxValues, s.elements().size()); i++) {
                    values.add(value(s.elements().get(i), maxValues));
                }
            }
            case OutputValue.MapValue m -> {
                o.put("type", "map");
                o.putNull("shape");
                o.put("elementCount", m.entries().size());
                o.set("values", value(m, maxValues));
            }
        }
        return o;
    }

    /** A value as plain JSON: tensors as flat arrays of their first values, maps as objects. */
    public static JsonNode value(OutputValue value, int maxValues) {
        return switch (value) {
            case OutputValue.TensorValue t -> values(t.tensor(), maxValues);
            case OutputValue.SequenceValue s -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i < Math.min(maxValues, s.elements().size()); i++) {
                    a.add(value(s.elements().get(i), maxValues));
                }
                yield a;
            }
            case OutputValue.MapValue m -> {
                ObjectNode o = NODES.objectNode();
                for (Map.Entry<Object, Object> e : m.entries().entrySet()) {
                    o.set(String.valueOf(e.getKey()), scalar(e.getValue()));
                }
                yield o;
            }
        };
    }

    /** The first values of a tensor, typed: numbers, booleans or strings (NaN/Infinity as strings). */
    public static ArrayNode values(HostTensor tensor, int maxValues) {
        ArrayNode a = NODES.arrayNode();
        long n = Math.min(maxValues, tensor.elementCount());
        for (long i = 0; i < n; i++) {
            if (tensor.isString()) {
                a.add(tensor.format(i));
            } else if (tensor.elementType() == ElementType.BOOL) {
                a.add(tensor.getDouble(i) != 0);
            } else if (tensor.elementType() == ElementType.INT64 || tensor.elementType() == ElementType.UINT64
                    || tensor.elementType() == ElementType.INT32 || tensor.elementType() == ElementType.UINT32
                    || tensor.elementType() == ElementType.INT16 || tensor.elementType() == ElementType.UINT16
                    || tensor.elementType() == ElementType.INT8 || tensor.elementType() == ElementType.UINT8) {
                a.add(tensor.elementType() == ElementType.UINT64
                        ? NODES.numberNode(new java.math.BigInteger(tensor.format(i))) : NODES.numberNode(
                        Long.parseLong(tensor.format(i))));
            } else if (tensor.elementType() == ElementType.DOUBLE) {
                a.add(number(tensor.getDouble(i)));
            } else {
                a.add(number((float) tensor.getDouble(i))); // float32 printed as float32: 0.1, not 0.10000000149
            }
        }
        return a;
    }

    /** {@code {name, maxAbsError, maxRelError, pass}} (and the first difference when it fails). */
    public static ObjectNode comparison(Comparison c) {
        ObjectNode o = NODES.objectNode();
        o.put("name", c.name());
        o.set("maxAbsError", number(c.maxAbsError()));
        o.set("maxRelError", number(c.maxRelError()));
        o.put("pass", c.pass());
        if (!c.pass()) {
            o.put("message", c.message());
        }
        return o;
    }

    private static void statistics(HostTensor tensor, ObjectNode o) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = tensor.elementCount();
        for (long i = 0; i < n; i++) {
            double v = tensor.getDouble(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        o.set("min", number(min));
        o.set("max", number(max));
        o.set("mean", number(sum / n));
    }

    private static JsonNode scalar(Object v) {
        return switch (v) {
            case Float f -> number(f.floatValue());
            case Double d -> number(d);
            case Long l -> NODES.numberNode(l);
            case Integer i -> NODES.numberNode(i);
            case Boolean b -> NODES.booleanNode(b);
            default -> NODES.textNode(String.valueOf(v));
        };
    }

    static JsonNode number(float v) {
        return Float.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(Float.toString(v));
    }

    /** Finite numbers as numbers; NaN and infinities as the strings "NaN", "Infinity", "-Infinity". */
    static JsonNode number(double v) {
        return Double.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(Double.toString(v));
    }
}
