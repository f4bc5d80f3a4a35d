package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Refuses shapes whose values could not be held in memory before anything is allocated. */
public final class TensorSizes {

    /** One direct buffer holds at most this many bytes. */
    static final long BUFFER_LIMIT = Integer.MAX_VALUE - 8L;

    private TensorSizes() {}

    /** Throws when a tensor of this type and shape needs more bytes than one buffer or this JVM can hold. */
    public static void checkFits(String input, ElementType type, long[] shape) throws InvalidInputException {
        for (long d : shape) {
            if (d < 0) {
                throw new InvalidInputException(input + ": a dimension cannot be negative (" + d + ").");
            }
        }
        long bytes = byteCount(type, shape);
        long limit = Math.min(BUFFER_LIMIT, Runtime.getRuntime().maxMemory() / 2);
        if (bytes > limit) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: a %s %s tensor needs %s, more than the %s available here; choose smaller sizes.",
                    input, dims(shape), type.displayName(), HumanUnits.bytes(bytes), HumanUnits.bytes(limit)));
        }
    }

    /** Bytes for the values (8 per element assumed for strings' references); Long.MAX_VALUE on overflow. */
    public static long byteCount(ElementType type, long[] shape) {
        long count = 1;
        for (long d : shape) {
            if (d != 0 && count > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            count *= d;
        }
        int bits = type == ElementType.STRING ? 64 : Math.max(type.bits(), 8);
        return count > Long.MAX_VALUE / bits ? Long.MAX_VALUE : (count * bits + 7) / 8;
    }

    static String dims(long[] shape) {
        return shape.length == 0 ? "scalar" : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining("×"));
    }

}
