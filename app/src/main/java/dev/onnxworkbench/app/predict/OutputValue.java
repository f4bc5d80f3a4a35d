package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One output of a run, copied out of ONNX Runtime's native memory so the result outlives the session. */
sealed interface OutputValue {

    String name();

    /** A dense tensor: numbers in raw little-endian layout, or strings. */
    record TensorOutput(String name, ElementType elementType, long[] shape, ByteBuffer raw, String[] strings)
            implements OutputValue {

        public TensorOutput {
            shape = shape.clone();
            raw = raw == null ? null : raw.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        long count() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        boolean isNumeric() {
            return strings == null;
        }

        /** Element {@code index} as a double (bool as 0/1, unsigned read as unsigned). */
        double get(long index) {
            int i = (int) index;
            return switch (elementType) {
                case FLOAT -> raw.getFloat(i * 4);
                case DOUBLE -> raw.getDouble(i * 8);
                case FLOAT16 -> Float.float16ToFloat(raw.getShort(i * 2));
                case BFLOAT16 -> Float.intBitsToFloat((raw.getShort(i * 2) & 0xFFFF) << 16);
                case INT8 -> raw.get(i);
                case UINT8, BOOL -> raw.get(i) & 0xFF;
                case INT16 -> raw.getShort(i * 2);
                case UINT16 -> raw.getShort(i * 2) & 0xFFFF;
                case INT32 -> raw.getInt(i * 4);
                case UINT32 -> raw.getInt(i * 4) & 0xFFFF_FFFFL;
                case INT64 -> raw.getLong(i * 8);
                case UINT64 -> Double.parseDouble(Long.toUnsignedString(raw.getLong(i * 8)));
                default -> Double.NaN;
            };
        }

        /** Element {@code index} as a person reads it. */
        String format(long index) {
            if (strings != null) {
                return strings[(int) index];
            }
            return switch (elementType) {
                case BOOL -> raw.get((int) index) != 0 ? "true" : "false";
                case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64 -> Long.toString((long) get(index));
                case UINT64 -> Long.toUnsignedString(raw.getLong((int) index * 8));
                default -> NumberText.format(get(index));
            };
        }

        String typeDescription() {
            return elementType.displayName() + Arrays.toString(shape).replace(" ", "");
        }
    }

    /** ONNX-ML ZipMap output: one label → probability map per batch row. */
    record MapsOutput(String name, List<Map<String, Double>> rows) implements OutputValue {
        public MapsOutput {
            rows = List.copyOf(rows);
        }
    }

    /** A value this view cannot show in detail (an optional that is empty, a nested sequence). */
    record OtherOutput(String name, String description) implements OutputValue {}
}
