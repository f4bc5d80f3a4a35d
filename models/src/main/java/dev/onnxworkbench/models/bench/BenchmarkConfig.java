package dev.onnxworkbench.models.bench;

import java.time.Duration;
import java.util.List;

/**
 * What to measure.
 *
 * @param variants     providers with their options, one result row each, in this order
 * @param warmupRuns   untimed runs after the first run, per batch size
 * @param timedRuns    timed runs per batch size (used when {@code duration} is null)
 * @param duration     run for this long per batch size instead of a fixed count; null for a count
 * @param batchSizes   sizes for the model's dynamic batch dimension (first dimension of every input
 *                     that is not fixed); the first is the one the headline statistics use
 * @param inputSeed    seed of the random inputs every provider gets (the same for all)
 * @param tolerances   output agreement limits against the CPU reference
 * @param profilePlacement whether to record node placement with ONNX Runtime's profiler (first run only)
 * @param givenInputs  inputs to use instead of random ones (no batch sweep then), or null for random
 */
public record BenchmarkConfig(List<ProviderVariant> variants, int warmupRuns, int timedRuns, Duration duration,
                              List<Integer> batchSizes, long inputSeed, Tolerances tolerances,
                              boolean profilePlacement, GivenInputs givenInputs) {

    public static final int DEFAULT_WARMUP = 10;
    public static final int DEFAULT_RUNS = 100;

    public BenchmarkConfig {
        variants = List.copyOf(variants);
        batchSizes = batchSizes == null || batchSizes.isEmpty() ? List.of(1) : List.copyOf(batchSizes);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no providers to benchmark");
        }
        if (warmupRuns < 0 || (duration == null && timedRuns < 1) || (duration != null && duration.isNegative())) {
            throw new IllegalArgumentException("warm-up must be >= 0 and runs >= 1");
        }
        if (batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("batch sizes must be >= 1");
        }
        if (tolerances == null) {
            tolerances = Tolerances.DEFAULT;
        }
    }

    /** Random inputs from {@code inputSeed}. */
    public BenchmarkConfig(List<ProviderVariant> variants, int warmupRuns, int timedRuns, Duration duration,
                           List<Integer> batchSizes, long inputSeed, Tolerances tolerances, boolean profilePlacement) {
        this(variants, warmupRuns, timedRuns, duration, batchSizes, inputSeed, tolerances, profilePlacement, null);
    }

    /** The same settings on the given inputs. */
    public BenchmarkConfig withInputs(GivenInputs inputs) {
        return new BenchmarkConfig(variants, warmupRuns, timedRuns, duration, batchSizes, inputSeed, tolerances, profilePlacement, inputs);
    }

    /** "random, seed 42" or the given inputs' description. */
    public String inputsDescription() {
        return givenInputs == null ? "random, seed " + inputSeed : givenInputs.description();
    }

    public static BenchmarkConfig of(List<ProviderVariant> variants) {
        return new BenchmarkConfig(variants, DEFAULT_WARMUP, DEFAULT_RUNS, null, List.of(1), 42L, Tolerances.DEFAULT, true);
    }

    public BenchmarkConfig withRuns(int warmup, int runs) {
        return new BenchmarkConfig(variants, warmup, runs, null, batchSizes, inputSeed, tolerances, profilePlacement, givenInputs);
    }
}
