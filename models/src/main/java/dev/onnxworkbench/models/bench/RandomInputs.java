package dev.onnxworkbench.models.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random input tensors for a model's inputs, the same for every provider. The first
 * dimension of an input that is not fixed is the batch dimension; other unknown dimensions are 1.
 * Floats are uniform in [0, 1), integers in [0, 4) (small, so index-like inputs stay in range).
 */
final class RandomInputs implements InputFeed {
    private final Map<String, OnnxTensor> tensors;

    private RandomInputs(Map<String, OnnxTensor> tensors) {
        this.tensors = tensors;
    }

    @Override
    public Map<String, OnnxTensor> tensors() {
        return tensors;
    }

    /** True when some input's first dimension is dynamic, so a batch sweep makes sense. */
    static boolean hasDynamicBatch(Map<String, NodeInfo> inputs) {
        return inputs.values().stream().anyMatch(i -> i.getInfo() instanceof TensorInfo t
                && t.getShape().length > 0 && t.getShape()[0] < 0);
    }

    static RandomInputs create(OrtEnvironment env, Map<String, NodeInfo> inputs, int batchSize, long seed)
            throws OrtException, BenchmarkException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        RandomInputs created = new RandomInputs(tensors);
        try {
            int index = 0;
            for (var entry : inputs.entrySet()) {
                if (!(entry.getValue().getInfo() instanceof TensorInfo info)) {
                    throw new BenchmarkException("Input '" + entry.getKey() + "' is a " + entry.getValue().getInfo()
                            + "; random inputs can only be made for tensors.");
                }
                long[] shape = concreteShape(info.getShape(), batchSize);
                tensors.put(entry.getKey(), tensor(env, info.type, shape, new SplittableRandom(seed + 7919L * index++), entry.getKey()));
            }
            return created;
        } catch (OrtException | BenchmarkException | RuntimeException e) {
            created.close();
            throw e;
        }
    }

    static long[] concreteShape(long[] declared, int batchSize) {
        long[] shape = declared.clone();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = i == 0 ? batchSize : 1;
            }
        }
        return shape;
    }

    private static OnnxTensor tensor(OrtEnvironment env, OnnxJavaType type, long[] shape, SplittableRandom random, String name)
            throws OrtException, BenchmarkException {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (type == OnnxJavaType.STRING) {
            String[] values = new String[Math.toIntExact(count)];
            Arrays.fill(values, "a");
            return OnnxTensor.createTensor(env, values, shape);
        }
        int width = switch (type) {
            case FLOAT, INT32 -> 4;
            case DOUBLE, INT64 -> 8;
            case FLOAT16, BFLOAT16, INT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> throw new BenchmarkException("Input '" + name + "' has element type " + type
                    + ", which the benchmark cannot fill with random values yet.");
        };
        ByteBuffer data = ByteBuffer.allocateDirect(Math.toIntExact(count * width)).order(ByteOrder.nativeOrder());
        for (long i = 0; i < count; i++) {
            switch (type) {
                case FLOAT -> data.putFloat(random.nextFloat());
                case DOUBLE -> data.putDouble(random.nextDouble());
                case FLOAT16 -> data.putShort(Float.floatToFloat16(random.nextFloat()));
                case BFLOAT16 -> data.putShort((short) (Float.floatToIntBits(random.nextFloat()) >>> 16));
                case INT64 -> data.putLong(random.nextInt(4));
                case INT32 -> data.putInt(random.nextInt(4));
                case INT16 -> data.putShort((short) random.nextInt(4));
                case INT8, UINT8 -> data.put((byte) random.nextInt(4));
                case BOOL -> data.put((byte) (random.nextBoolean() ? 1 : 0));
                default -> throw new IllegalStateException(type.toString());
            }
        }
        data.flip();
        return OnnxTensor.createTensor(env, data, shape, type);
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
        tensors.clear();
    }
}
