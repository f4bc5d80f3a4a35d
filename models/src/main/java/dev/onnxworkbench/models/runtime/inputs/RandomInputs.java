package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one seeded random generator for model inputs: Predict's Random button, Compare, {@code run --random}
 * and {@code bench} all draw here, so the same seed gives the same values everywhere and on every machine.
 * The input's name is mixed into the seed, so two inputs of one model differ.
 *
 * <p>Ranges per element type: floating point uniform in [0, 1); integers uniform in [0, 4) (small, so
 * index-like inputs such as token ids or Gather indices stay in range); booleans fair coins; strings
 * drawn from the input's known categories, else "s0".."s9". An input the spec knows to carry a sample
 * rate (the audio editor's companion, e.g. {@code sr}) gets {@value #SAMPLE_RATE} instead of noise.
 */
public final class RandomInputs {

    /** Upper bound (exclusive) of random integers. */
    public static final int INTEGER_BOUND = 4;
    /** What a sample-rate companion input gets: the rate speech models are usually trained on. */
    public static final int SAMPLE_RATE = 16000;

    private RandomInputs() {}

    /** Random values for one input, knowing only its own spec. */
    public static HostTensor fill(InputSpec spec, long[] shape, long seed) throws InvalidInputException {
        return fill(spec, shape, seed, false);
    }

    /** Random values for a plain tensor input known only by name and type (benchmarks, tests). */
    public static HostTensor generate(String name, ElementType type, long[] shape, long seed)
            throws InvalidInputException {
        InputSpec spec = new InputSpec(name, new dev.onnxworkbench.models.graph.ValueType.TensorType(type,
                dev.onnxworkbench.models.graph.Shape.of(shape)), type, dev.onnxworkbench.models.graph.Shape.of(shape),
                EditorKind.TENSOR_FILE, List.of(), List.of(), null, null, "");
        return fill(spec, shape, seed, false);
    }

    /** Random values for one input of a model whose inputs are {@code all} (to recognise a sample-rate input). */
    public static HostTensor fill(List<InputSpec> all, InputSpec spec, long[] shape, long seed)
            throws InvalidInputException {
        boolean sampleRate = all.stream().anyMatch(s -> spec.name().equals(s.sampleRateInput()));
        return fill(spec, shape, seed, sampleRate);
    }

    private static HostTensor fill(InputSpec spec, long[] shape, long seed, boolean sampleRate)
            throws InvalidInputException {
        TensorSizes.checkFits(spec.name(), spec.elementType(), shape);
        SplittableRandom random = new SplittableRandom(seed * 31 + spec.name().hashCode());
        ElementType type = spec.elementType();
        int count = Math.toIntExact(count(shape));
        if (type == ElementType.STRING) {
            String[] values = new String[count];
            for (int i = 0; i < count; i++) {
                values[i] = spec.categories().isEmpty() ? "s" + random.nextInt(10)
                        : spec.categories().get(random.nextInt(spec.categories().size()));
            }
            return ValueParser.built(() -> HostTensor.ofStrings(shape, values));
        }
        if (!ValueParser.canType(type)) {
            throw new InvalidInputException(spec.name() + ": random values for " + type.displayName()
                    + " tensors are not supported; give the values in a file.");
        }
        ByteBuffer data = ByteBuffer.allocateDirect((int) type.byteSize(count)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            double v = sampleRate ? SAMPLE_RATE : switch (type) {
                case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> random.nextDouble();
                case BOOL -> random.nextBoolean() ? 1 : 0;
                default -> random.nextInt(INTEGER_BOUND);
            };
            put(data, type, v);
        }
        data.flip();
        return ValueParser.built(() -> HostTensor.ofRaw(type, shape, data));
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static void put(ByteBuffer out, ElementType type, double v) {
        switch (type) {
            case FLOAT -> out.putFloat((float) v);
            case DOUBLE -> out.putDouble(v);
            case FLOAT16 -> out.putShort(Float.floatToFloat16((float) v));
            case BFLOAT16 -> out.putShort(ValueParser.toBfloat16((float) v));
            case BOOL, INT8, UINT8 -> out.put((byte) v);
            case INT16, UINT16 -> out.putShort((short) v);
            case INT32, UINT32 -> out.putInt((int) v);
            case INT64, UINT64 -> out.putLong((long) v);
            default -> throw new IllegalStateException(type.toString());
        }
    }
}
