package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import java.nio.file.Path;
import java.time.Duration;
import dev.onnxworkbench.models.bench.ModelPrecision;
import java.util.List;
import java.util.Set;

/**
 * What to tune over.
 *
 * @param providers     providers to try (CPU is always the reference and the default candidate)
 * @param budget        wall time for the whole tuning, sessions included
 * @param tolerances    when a candidate's outputs count as agreeing with the CPU reference
 * @param tensorRtCache folder for TensorRT engine and timing caches (the cache candidates), or null
 * @param precisions    the precision axis: lower-precision copies of the model (FP16, INT8) tried as candidates
 *                      beside the FP32 settings; empty for none (an FP32 entry here is ignored: the model is FP32)
 * @param precisionTolerance how far a lower-precision copy's outputs may be from FP32's; a copy beyond it is
 *                      rejected and never wins
 */
public record TuneRequest(Set<ExecutionProvider> providers, Duration budget, Tolerance tolerances, Path tensorRtCache,
                          List<ModelPrecision> precisions, Tolerance precisionTolerance) {
    public TuneRequest {
        providers = Set.copyOf(providers);
        precisions = precisions == null ? List.of()
                : precisions.stream().filter(p -> !p.isOriginal()).toList();
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget must be positive");
        }
        tolerances = tolerances == null ? Tolerance.DEFAULT : tolerances;
        precisionTolerance = precisionTolerance == null ? tolerances : precisionTolerance;
    }

    /** Session settings only, no precision axis. */
    public TuneRequest(Set<ExecutionProvider> providers, Duration budget, Tolerance tolerances, Path tensorRtCache) {
        this(providers, budget, tolerances, tensorRtCache, List.of(), null);
    }
}
