package dev.onnxworkbench.models.graph;

import java.util.List;

/**
 * A tensor with a name, type and shape whose values are read lazily through {@link TensorData}:
 * initializers, Constant values, tensor attributes and the values of test-data files.
 */
public record Tensor(String name, ElementType elementType, List<Long> dims, TensorData data, String docString) {

    public Tensor {
        dims = List.copyOf(dims);
    }

    /** Product of the dims (1 for a scalar); saturates at Long.MAX_VALUE on overflow. */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                return 0;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** Bytes the values take in raw layout (strings excluded). */
    public long byteSize() {
        long count = elementCount();
        return count == Long.MAX_VALUE ? Long.MAX_VALUE : elementType.byteSize(count);
    }

    public Shape shape() {
        return Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    }

    public ValueType.TensorType type() {
        return new ValueType.TensorType(elementType, shape());
    }
}
