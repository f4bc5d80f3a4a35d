package dev.onnxworkbench.models.diverge;

import dev.onnxworkbench.models.memory.MemoryBudget;
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
 * @param maxTensorsPerRun how many tensors to mark in one run when marking all at most (0: as many as the budget
 *                         allows)
 * @param budget           activations both runs keep at once when marking all; batches are sized to fit
 */
public record DivergenceOptions(Tolerance tolerance, Metric metric, Map<String, Tolerance> perTensor, boolean bisect,
                                int maxTensorsPerRun, MemoryBudget budget) {
    public static final Tolerance POLYGRAPHY_DEFAULT = new Tolerance(1e-5, 1e-5);

    public DivergenceOptions {
        perTensor = Map.copyOf(perTensor);
        if (maxTensorsPerRun < 0) {
            throw new IllegalArgumentException("maxTensorsPerRun < 0");
        }
        java.util.Objects.requireNonNull(budget, "budget");
    }

    /** With the default budget (1 GB). */
    public DivergenceOptions(Tolerance tolerance, Metric metric, Map<String, Tolerance> perTensor, boolean bisect,
                             int maxTensorsPerRun) {
        this(tolerance, metric, perTensor, bisect, maxTensorsPerRun, MemoryBudget.DEFAULT);
    }

    public static DivergenceOptions defaults() {
        return new DivergenceOptions(POLYGRAPHY_DEFAULT, Metric.ELEMENTWISE, Map.of(), false, 0, MemoryBudget.DEFAULT);
    }

    public DivergenceOptions withBisect(boolean on) {
        return new DivergenceOptions(tolerance, metric, perTensor, on, maxTensorsPerRun, budget);
    }

    public DivergenceOptions withBatch(int tensorsPerRun) {
        return new DivergenceOptions(tolerance, metric, perTensor, bisect, tensorsPerRun, budget);
    }

    public DivergenceOptions withBudget(MemoryBudget value) {
        return new DivergenceOptions(tolerance, metric, perTensor, bisect, maxTensorsPerRun, value);
    }

    Tolerance toleranceFor(String tensor) {
        return perTensor.getOrDefault(tensor, tolerance);
    }
}
