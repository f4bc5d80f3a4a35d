package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.RandomTensors;
import java.util.SplittableRandom;

/**
 * Seeded random values for one form input, for trying a model or benchmarking it: numbers as
 * {@link RandomTensors} draws them, categorical inputs from their own categories. The same seed gives the
 * same values on every machine; the input name is mixed into the seed so two inputs differ.
 */
public final class RandomInputs {

    private RandomInputs() {}

    public static HostTensor fill(InputSpec spec, long[] shape, long seed) throws InvalidInputException {
        TensorSizes.checkFits(spec.name(), spec.elementType(), shape);
        long inputSeed = seed * 31 + spec.name().hashCode();
        if (spec.elementType() == ElementType.STRING && !spec.categories().isEmpty()) {
            SplittableRandom random = new SplittableRandom(inputSeed);
            String[] values = new String[(int) TensorSizes.byteCount(ElementType.INT64, shape) / 8];
            for (int i = 0; i < values.length; i++) {
                values[i] = spec.categories().get(random.nextInt(spec.categories().size()));
            }
            return ValueParser.built(() -> HostTensor.ofStrings(shape, values));
        }
        return ValueParser.built(() -> RandomTensors.generate(spec.elementType(), shape, inputSeed));
    }
}
