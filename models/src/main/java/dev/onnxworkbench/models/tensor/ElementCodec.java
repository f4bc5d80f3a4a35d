package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.graph.ElementType;
import java.nio.ByteBuffer;

/** Reads and writes single elements of the types a HostTensor holds, by absolute index (little-endian buffers). */
final class ElementCodec {
    private ElementCodec() {
    }

    /** Types a HostTensor can hold: what ONNX Runtime's tensors take or return, strings aside. */
    static boolean isSupported(ElementType type) {
        return switch (type) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64,
                 BOOL, STRING -> true;
            default -> false;
        };
    }

    static double get(ByteBuffer b, ElementType type, int i) {
        return switch (type) {
            case FLOAT -> b.getFloat(i * 4);
            case DOUBLE -> b.getDouble(i * 8);
            case FLOAT16 -> Float.float16ToFloat(b.getShort(i * 2));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xFFFF) << 16);
            case INT8 -> b.get(i);
            case UINT8 -> b.get(i) & 0xFF;
            case BOOL -> b.get(i) != 0 ? 1 : 0;
            case INT16 -> b.getShort(i * 2);
            case UINT16 -> b.getShort(i * 2) & 0xFFFF;
            case INT32 -> b.getInt(i * 4);
            case UINT32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
            case INT64 -> b.getLong(i * 8);
            case UINT64 -> unsignedToDouble(b.getLong(i * 8));
            default -> throw new IllegalArgumentException("no numeric decoding for " + type);
        };
    }

    /** The exact integer value of element i, for integer and boolean types. */
    static long getLong(ByteBuffer b, ElementType type, int i) {
        return switch (type) {
            case INT8 -> b.get(i);
            case UINT8 -> b.get(i) & 0xFF;
            case BOOL -> b.get(i) != 0 ? 1 : 0;
            case INT16 -> b.getShort(i * 2);
            case UINT16 -> b.getShort(i * 2) & 0xFFFF;
            case INT32 -> b.getInt(i * 4);
            case UINT32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
            case INT64, UINT64 -> b.getLong(i * 8);
            default -> throw new IllegalArgumentException("not an integer type: " + type);
        };
    }

    static void put(ByteBuffer b, ElementType type, int i, double v) {
        switch (type) {
            case FLOAT -> b.putFloat(i * 4, (float) v);
            case DOUBLE -> b.putDouble(i * 8, v);
            case FLOAT16 -> b.putShort(i * 2, Float.floatToFloat16((float) v));
            case BFLOAT16 -> b.putShort(i * 2, floatToBfloat16((float) v));
            case INT8, UINT8 -> b.put(i, (byte) (long) v);
            case BOOL -> b.put(i, (byte) (v != 0 ? 1 : 0));
            case INT16, UINT16 -> b.putShort(i * 2, (short) (long) v);
            case INT32, UINT32 -> b.putInt(i * 4, (int) (long) v);
            case INT64 -> b.putLong(i * 8, (long) v);
            case UINT64 -> b.putLong(i * 8, v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : (long) v);
            default -> throw new IllegalArgumentException("no numeric encoding for " + type);
        }
    }

    static String format(ByteBuffer b, ElementType type, int i) {
        return switch (type) {
            case BOOL -> b.get(i) != 0 ? "true" : "false";
            case UINT64 -> Long.toUnsignedString(b.getLong(i * 8));
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64 -> Long.toString(getLong(b, type, i));
            case DOUBLE -> Double.toString(b.getDouble(i * 8));
            default -> Float.toString((float) get(b, type, i));
        };
    }

    static boolean isInteger(ElementType type) {
        return switch (type) {
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64, BOOL -> true;
            default -> false;
        };
    }

    /** Round-to-nearest-even truncation of a float to its upper 16 bits; NaN stays NaN. */
    static short floatToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }
}
