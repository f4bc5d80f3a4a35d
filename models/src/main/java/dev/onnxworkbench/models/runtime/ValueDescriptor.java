package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.Arrays;
import java.util.List;

/**
 * An input or output of a session as ONNX Runtime reports it.
 *
 * @param elementType tensor element type; for sequences/maps the element (value) type, or null if unknown
 * @param shape       tensor dims, -1 where the size is not fixed; empty for scalars and non-tensors
 * @param dimensionNames symbolic names per dim ("" when the dim is fixed or unnamed)
 */
public record ValueDescriptor(String name, Kind kind, ElementType elementType, long[] shape,
                              List<String> dimensionNames, String description) {

    /** What kind of value ONNX Runtime passes. */
    public enum Kind { TENSOR, SEQUENCE, MAP, OPTIONAL, SPARSE_TENSOR, UNKNOWN }

    public ValueDescriptor {
        shape = shape.clone();
        dimensionNames = List.copyOf(dimensionNames);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** "float32 [N,3,64,64]", "sequence<map<string,float32>>". */
    public String typeText() {
        if (kind != Kind.TENSOR) {
            return description;
        }
        StringBuilder b = new StringBuilder(elementType == null ? "?" : elementType.displayName()).append(" [");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String symbol = i < dimensionNames.size() ? dimensionNames.get(i) : "";
            b.append(shape[i] >= 0 ? Long.toString(shape[i]) : symbol.isEmpty() ? "?" : symbol);
        }
        return b.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueDescriptor v && name.equals(v.name) && kind == v.kind && elementType == v.elementType
                && Arrays.equals(shape, v.shape) && dimensionNames.equals(v.dimensionNames)
                && description.equals(v.description);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ": " + typeText();
    }
}
