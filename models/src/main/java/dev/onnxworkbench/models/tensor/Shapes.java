package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.Locale;

/** Element counts and byte sizes of concrete shapes, with the messages a person reads when they are too big. */
public final class Shapes {
    /** One direct buffer holds at most this many bytes (Java's int index). */
    public static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 8;
    /** String tensors live on the heap as String[]: cap the element count likewise. */
    public static final long MAX_STRING_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {
    }

    /** Product of dims; Long.MAX_VALUE when it overflows. Negative dims are rejected by callers first. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** "1×3×224×224", or "scalar" for rank 0. */
    public static String format(long[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append('×');
            }
            b.append(shape[i]);
        }
        return b.toString();
    }

    /**
     * Checks that a tensor of this type and shape can be allocated in one buffer, and that the JVM has
     * the memory; the message says how much it would take ("a 1×3×100000×100000 float32 tensor needs 111 GiB").
     */
    public static void checkAllocatable(ElementType type, long[] shape) throws TensorTooLargeException {
        for (long d : shape) {
            if (d < 0) {
                throw new TensorTooLargeException("The shape " + format(shape) + " has a negative dimension; "
                        + "give every dimension a size of 0 or more.");
            }
        }
        long count = elementCount(shape);
        if (type == ElementType.STRING) {
            if (count > MAX_STRING_ELEMENTS) {
                throw new TensorTooLargeException("A " + format(shape) + " string tensor has " + count
                        + " elements, more than one tensor can hold; use a smaller shape.");
            }
            return;
        }
        long bytes = count == Long.MAX_VALUE ? Long.MAX_VALUE : type.byteSize(count);
        if (count == Long.MAX_VALUE || bytes > MAX_BUFFER_BYTES || bytes > Runtime.getRuntime().maxMemory()) {
            throw new TensorTooLargeException("A " + format(shape) + " " + type.displayName() + " tensor needs "
                    + HumanUnits.bytes(bytes) + ", more than fits in memory (at most "
                    + HumanUnits.bytes(Math.min(MAX_BUFFER_BYTES, Runtime.getRuntime().maxMemory()))
                    + " per tensor); use a smaller shape.");
        }
    }

}
