package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.Arrays;

/**
 * What a reader should produce for one model input: its name, element type and shape, where a
 * negative dim is free (symbolic or unknown) and taken from the file. A null shape means any rank.
 */
public record TensorRequest(String name, ElementType elementType, long[] shape) {

    public TensorRequest {
        shape = shape == null ? null : shape.clone();
    }

    @Override
    public long[] shape() {
        return shape == null ? null : shape.clone();
    }

    /** "float32 [?,3,64,64]". */
    public String describe() {
        if (shape == null) {
            return elementType.displayName();
        }
        StringBuilder b = new StringBuilder(elementType.displayName()).append(" [");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? "," : "").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return b.append(']').toString();
    }

    /**
     * The concrete shape for values read as {@code found} (count {@code count}): the file's shape when it
     * fits the request, or the request's shape when the file is flat or differently nested but the element
     * count matches and at most one dim is free. Throws with both shapes in the message otherwise.
     */
    public long[] reconcile(long[] found, long count, String source) throws TensorFormatException {
        if (shape == null) {
            return found.clone();
        }
        if (found.length == shape.length && fits(found)) {
            return found.clone();
        }
        long fixedProduct = 1;
        int free = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                if (free >= 0) {
                    throw mismatch(found, source);
                }
                free = i;
            } else {
                fixedProduct = Math.multiplyExact(fixedProduct, shape[i]);
            }
        }
        long[] out = shape.clone();
        if (free >= 0) {
            if (fixedProduct == 0 || count % fixedProduct != 0) {
                throw mismatch(found, source);
            }
            out[free] = count / fixedProduct;
        } else if (fixedProduct != count) {
            throw mismatch(found, source);
        }
        return out;
    }

    private boolean fits(long[] found) {
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != found[i]) {
                return false;
            }
        }
        return true;
    }

    private TensorFormatException mismatch(long[] found, String source) {
        return new TensorFormatException(source + " holds " + Shapes.elementCount(found) + " values shaped "
                + Shapes.format(found) + ", which does not fit the input '" + name + "' (" + describe() + ").");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorRequest r && name.equals(r.name) && elementType == r.elementType
                && Arrays.equals(shape, r.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
