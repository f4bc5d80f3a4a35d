package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.graph.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads one element of a tensor in ONNX raw layout as a double, for every numeric element type:
 * the IEEE types, float16/bfloat16, the four float8 kinds, float8e8m0, float4e2m1, the 4- and
 * 2-bit integers (packed low bits first) and bool. Complex tensors are read component-wise
 * (real, imaginary): use {@link #componentCount} for the number of values.
 */
public final class ElementDecoder {
    private ElementDecoder() {
    }

    /** True for element types this decoder reads (everything but string and undefined). */
    public static boolean isNumeric(ElementType type) {
        return type != ElementType.STRING && type != ElementType.UNDEFINED && type.bits() > 0;
    }

    /** Values in a tensor of {@code elementCount} elements: twice the count for complex types. */
    public static long componentCount(ElementType type, long elementCount) {
        return type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128 ? elementCount * 2 : elementCount;
    }

    /** The value at component {@code index} (element index, or 2·element+part for complex). */
    public static double decode(ByteBuffer raw, ElementType type, long index) {
        ByteBuffer b = raw.order() == ByteOrder.LITTLE_ENDIAN ? raw : raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = raw.position();
        return switch (type) {
            case FLOAT, COMPLEX64 -> b.getFloat(base + (int) (index * 4));
            case DOUBLE, COMPLEX128 -> b.getDouble(base + (int) (index * 8));
            case INT8 -> b.get(base + (int) index);
            case UINT8 -> b.get(base + (int) index) & 0xFF;
            case BOOL -> b.get(base + (int) index) != 0 ? 1 : 0;
            case INT16 -> b.getShort(base + (int) (index * 2));
            case UINT16 -> b.getShort(base + (int) (index * 2)) & 0xFFFF;
            case INT32 -> b.getInt(base + (int) (index * 4));
            case UINT32 -> b.getInt(base + (int) (index * 4)) & 0xFFFF_FFFFL;
            case INT64 -> b.getLong(base + (int) (index * 8));
            case UINT64 -> unsigned(b.getLong(base + (int) (index * 8)));
            case FLOAT16 -> Float.float16ToFloat(b.getShort(base + (int) (index * 2)));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(base + (int) (index * 2)) & 0xFFFF) << 16);
            case FLOAT8E4M3FN -> float8e4m3fn(b.get(base + (int) index) & 0xFF);
            case FLOAT8E4M3FNUZ -> float8Fnuz(b.get(base + (int) index) & 0xFF, 4, 3, 8);
            case FLOAT8E5M2 -> float8e5m2(b.get(base + (int) index) & 0xFF);
            case FLOAT8E5M2FNUZ -> float8Fnuz(b.get(base + (int) index) & 0xFF, 5, 2, 16);
            case FLOAT8E8M0 -> float8e8m0(b.get(base + (int) index) & 0xFF);
            case INT4 -> signExtend(nibble(b, base, index), 4);
            case UINT4 -> nibble(b, base, index);
            case FLOAT4E2M1 -> float4e2m1(nibble(b, base, index));
            case INT2 -> signExtend(crumb(b, base, index), 2);
            case UINT2 -> crumb(b, base, index);
            case STRING, UNDEFINED -> throw new IllegalArgumentException(type + " tensors have no numeric values");
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static int nibble(ByteBuffer b, int base, long index) {
        int packed = b.get(base + (int) (index >>> 1)) & 0xFF;
        return (index & 1) == 0 ? packed & 0x0F : packed >>> 4;
    }

    private static int crumb(ByteBuffer b, int base, long index) {
        int packed = b.get(base + (int) (index >>> 2)) & 0xFF;
        return (packed >>> (2 * (int) (index & 3))) & 0x3;
    }

    private static int signExtend(int value, int bits) {
        int shift = 32 - bits;
        return (value << shift) >> shift;
    }

    /** E4M3FN: bias 7, no infinities, NaN is S.1111.111. */
    static double float8e4m3fn(int bits) {
        int exponent = (bits >>> 3) & 0xF;
        int mantissa = bits & 0x7;
        double sign = (bits & 0x80) != 0 ? -1 : 1;
        if (exponent == 0xF && mantissa == 0x7) {
            return Double.NaN;
        }
        return sign * ieeeLike(exponent, mantissa, 3, 7);
    }

    /** E5M2: bias 15, IEEE-style infinities and NaNs. */
    static double float8e5m2(int bits) {
        int exponent = (bits >>> 2) & 0x1F;
        int mantissa = bits & 0x3;
        double sign = (bits & 0x80) != 0 ? -1 : 1;
        if (exponent == 0x1F) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sign * ieeeLike(exponent, mantissa, 2, 15);
    }

    /** The FNUZ kinds: no infinities, no negative zero; 0x80 is the only NaN. */
    static double float8Fnuz(int bits, int exponentBits, int mantissaBits, int bias) {
        if (bits == 0x80) {
            return Double.NaN;
        }
        int exponent = (bits >>> mantissaBits) & ((1 << exponentBits) - 1);
        int mantissa = bits & ((1 << mantissaBits) - 1);
        double sign = (bits & 0x80) != 0 ? -1 : 1;
        return sign * ieeeLike(exponent, mantissa, mantissaBits, bias);
    }

    /** E8M0: an unsigned power-of-two scale 2^(bits-127); 0xFF is NaN. */
    static double float8e8m0(int bits) {
        return bits == 0xFF ? Double.NaN : Math.scalb(1.0, bits - 127);
    }

    /** E2M1: bias 1, values ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}. */
    static double float4e2m1(int bits) {
        double sign = (bits & 0x8) != 0 ? -1 : 1;
        return sign * ieeeLike((bits >>> 1) & 0x3, bits & 0x1, 1, 1);
    }

    private static double ieeeLike(int exponent, int mantissa, int mantissaBits, int bias) {
        double fraction = mantissa / (double) (1 << mantissaBits);
        return exponent == 0
                ? Math.scalb(fraction, 1 - bias)
                : Math.scalb(1 + fraction, exponent - bias);
    }
}
