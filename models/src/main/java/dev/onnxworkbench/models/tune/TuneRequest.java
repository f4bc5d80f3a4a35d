package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What to tune over.
 *
 * @param providers     providers to try (CPU is always the reference and the default candidate)
 * @param budget        wall time for the whole tuning, sessions included
 * @param tolerances    when a candidate's outputs count as agreeing with the CPU reference
 * @param tensorRtCache folder for TensorRT engine and timing caches (the cache candidates), or null
 */
public record TuneRequest(Set<ExecutionProvider> providers, Duration budget, Tolerance tolerances, Path tensorRtCache) {
    public TuneRequest {
        providers = Set.copyOf(providers);
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget must be positive");
        }
        tolerances = tolerances == null ? Tolerance.DEFAULT : tolerances;
    }
}
