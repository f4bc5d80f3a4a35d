package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor value a form built for one input: element type, shape and the values, numeric ones in ONNX
 * raw layout (little-endian, row-major), strings as an array.
 */
public record InputTensor(ElementType elementType, long[] shape, ByteBuffer data, String[] strings) {

    public InputTensor {
        shape = shape.clone();
        if (elementType == ElementType.STRING) {
            if (strings == null) {
                throw new IllegalArgumentException("a string tensor needs its strings");
            }
            strings = strings.clone();
        } else if (data == null) {
            throw new IllegalArgumentException("a numeric tensor needs its bytes");
        } else {
            data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    public static InputTensor ofStrings(long[] shape, String... values) {
        return new InputTensor(ElementType.STRING, shape, null, values);
    }

    public static InputTensor ofRaw(ElementType type, long[] shape, ByteBuffer littleEndianData) {
        return new InputTensor(type, shape, littleEndianData, null);
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** A fresh read position on the bytes (never the shared one). */
    public ByteBuffer bytes() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN).rewind();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputTensor t && t.elementType == elementType && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.strings, strings) && (data == null ? t.data == null : t.data != null && bytes().equals(t.bytes()));
    }

    @Override
    public int hashCode() {
        return elementType.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return elementType + Arrays.toString(shape);
    }
}
