package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import java.util.SplittableRandom;

/**
 * Random inputs for trying a model or benchmarking it: the same seed gives the same values.
 * Floats are uniform in [0, 1), integers uniform in [0, 10), booleans fair coins, strings "s0".."s9".
 */
public final class RandomTensors {
    private RandomTensors() {
    }

    public static HostTensor generate(ElementType type, long[] shape, long seed) throws WorkbenchException {
        Shapes.checkAllocatable(type, shape);
        SplittableRandom random = new SplittableRandom(seed);
        HostTensor t = HostTensor.allocate(type, shape);
        int count = (int) Shapes.elementCount(shape);
        if (type == ElementType.STRING) {
            String[] strings = t.writableStrings();
            for (int i = 0; i < count; i++) {
                strings[i] = "s" + random.nextInt(10);
            }
            return t;
        }
        if (!ElementCodec.isSupported(type)) {
            throw new TensorFormatException("Random values for " + type.displayName() + " tensors are not supported.");
        }
        var data = t.writableData();
        if (type == ElementType.FLOAT) {
            for (int i = 0; i < count; i++) {
                data.putFloat(i * 4, (float) random.nextDouble());
            }
            return t;
        }
        for (int i = 0; i < count; i++) {
            double v = switch (type) {
                case FLOAT16, BFLOAT16, DOUBLE -> random.nextDouble();
                case BOOL -> random.nextBoolean() ? 1 : 0;
                default -> random.nextInt(10);
            };
            ElementCodec.put(data, type, i, v);
        }
        return t;
    }

    /** A concrete shape for a requested one: free (negative) dims become {@code freeSize}. */
    public static long[] concrete(long[] requested, long freeSize) {
        long[] out = requested.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                out[i] = freeSize;
            }
        }
        return out;
    }
}
