package dev.onnxworkbench.models.diverge;

import dev.onnxworkbench.models.tensor.Tolerance;
import java.util.Map;

/**
 * How to search.
 *
 * @param tolerance        rtol and atol for every tensor not in {@code perTensor} (Polygraphy's defaults: 1e-5, 1e-5)
 * @param metric           elementwise, max, mean or median
 * @param perTensor        tolerances for single tensors, by their name in model A
 * @param bisect           find the first divergent tensor by marking few tensors per run (O(log N) runs) instead of
 *                         all of them: marking every tensor changes what TensorRT fuses
 * @param maxTensorsPerRun how many tensors to mark in one run when marking all (0: all at once); smaller batches
 *                         need less memory and more runs
 */
public record DivergenceOptions(Tolerance tolerance, Metric metric, Map<String, Tolerance> perTensor, boolean bisect,
                                int maxTensorsPerRun) {
    public static final Tolerance POLYGRAPHY_DEFAULT = new Tolerance(1e-5, 1e-5);

    public DivergenceOptions {
        perTensor = Map.copyOf(perTensor);
        if (maxTensorsPerRun < 0) {
            throw new IllegalArgumentException("maxTensorsPerRun < 0");
        }
    }

    public static DivergenceOptions defaults() {
        return new DivergenceOptions(POLYGRAPHY_DEFAULT, Metric.ELEMENTWISE, Map.of(), false, 0);
    }

    public DivergenceOptions withBisect(boolean on) {
        return new DivergenceOptions(tolerance, metric, perTensor, on, maxTensorsPerRun);
    }

    public DivergenceOptions withBatch(int tensorsPerRun) {
        return new DivergenceOptions(tolerance, metric, perTensor, bisect, tensorsPerRun);
    }

    Tolerance toleranceFor(String tensor) {
        return perTensor.getOrDefault(tensor, tolerance);
    }
}
