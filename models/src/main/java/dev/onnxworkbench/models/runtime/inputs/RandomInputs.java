package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Seeded random values for an input, for trying a model or benchmarking it: floats uniform in [0, 1),
 * integers in [0, 10), booleans, categories drawn from the input's known categories. The same seed
 * gives the same values on every machine.
 */
public final class RandomInputs {

    private RandomInputs() {}

    public static InputTensor fill(InputSpec spec, long[] shape, long seed) throws InvalidInputException {
        ElementType type = spec.elementType();
        TensorSizes.checkFits(spec.name(), type, shape);
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        // Mix the input name into the seed so two inputs filled with one seed differ.
        SplittableRandom random = new SplittableRandom(seed * 31 + spec.name().hashCode());
        if (type == ElementType.STRING) {
            String[] values = new String[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = spec.categories().isEmpty() ? "text" + random.nextInt(10)
                        : spec.categories().get(random.nextInt(spec.categories().size()));
            }
            return InputTensor.ofStrings(shape, values);
        }
        if (!ValueParser.canType(type)) {
            throw new InvalidInputException(spec.name() + ": random " + type.displayName() + " values are not supported.");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) type.byteSize(count)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < count; i++) {
            switch (type) {
                case FLOAT -> out.putFloat((float) random.nextDouble());
                case DOUBLE -> out.putDouble(random.nextDouble());
                case FLOAT16 -> out.putShort(Float.floatToFloat16((float) random.nextDouble()));
                case BFLOAT16 -> out.putShort(ValueParser.toBfloat16((float) random.nextDouble()));
                case BOOL -> out.put((byte) random.nextInt(2));
                case INT8, UINT8 -> out.put((byte) random.nextInt(10));
                case INT16, UINT16 -> out.putShort((short) random.nextInt(10));
                case INT32, UINT32 -> out.putInt(random.nextInt(10));
                case INT64, UINT64 -> out.putLong(random.nextInt(10));
                default -> throw new IllegalStateException(type.toString());
            }
        }
        out.flip();
        return InputTensor.ofRaw(type, shape, out);
    }
}
