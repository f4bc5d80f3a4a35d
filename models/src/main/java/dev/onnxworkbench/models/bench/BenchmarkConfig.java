package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.time.Duration;
import java.util.List;

/**
 * What to measure.
 *
 * @param variants     providers with their options, one result row each, in this order
 * @param warmupRuns   untimed runs after the first run, per batch size
 * @param timedRuns    timed runs per batch size (used when {@code duration} is null)
 * @param duration     run for this long per batch size instead of a fixed count; null for a count
 * @param batchSizes   the batch sweep: sizes for the input set's batch dimension
 *                     ({@link InputSet#batchParameters()}), the first is the headline; empty to run the set's own
 *                     batch only. A model without a free batch dimension runs its own shapes once.
 * @param inputSeed    seed of the random values when no {@code inputs} are given
 * @param tolerances   output agreement limits against the CPU reference
 * @param profilePlacement whether to record node placement with a separate profiled session (never the timed one)
 * @param inputs       exactly what to run (shapes and values); null for random values from {@code inputSeed},
 *                     which needs every free dimension other than the batch to be fixed in the model
 * @param givenInputs  values without shapes resolved yet (the old Compare plumbing); used when {@code inputs} is null
 * @param precisions   the precision axis: the model files every provider variant runs, FP32 (the model) first;
 *                     empty for the model alone. Rows are variants × precisions, all compared with the FP32 CPU
 *                     reference on the same inputs.
 */
public record BenchmarkConfig(List<ProviderVariant> variants, int warmupRuns, int timedRuns, Duration duration,
                              List<Integer> batchSizes, long inputSeed, Tolerance tolerances,
                              boolean profilePlacement, InputSet inputs, GivenInputs givenInputs,
                              List<ModelPrecision> precisions) {

    public static final int DEFAULT_WARMUP = 10;
    public static final int DEFAULT_RUNS = 100;

    public BenchmarkConfig {
        variants = List.copyOf(variants);
        batchSizes = batchSizes == null ? List.of() : List.copyOf(batchSizes);
        precisions = precisions == null ? List.of() : List.copyOf(precisions);
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
            tolerances = Tolerance.DEFAULT;
        }
    }

    /** Without a precision axis (the model alone). */
    public BenchmarkConfig(List<ProviderVariant> variants, int warmupRuns, int timedRuns, Duration duration,
                           List<Integer> batchSizes, long inputSeed, Tolerance tolerances, boolean profilePlacement,
                           InputSet inputs, GivenInputs givenInputs) {
        this(variants, warmupRuns, timedRuns, duration, batchSizes, inputSeed, tolerances, profilePlacement, inputs,
                givenInputs, List.of());
    }

    /** Random inputs from {@code inputSeed}. */
    public BenchmarkConfig(List<ProviderVariant> variants, int warmupRuns, int timedRuns, Duration duration,
                           List<Integer> batchSizes, long inputSeed, Tolerance tolerances, boolean profilePlacement) {
        this(variants, warmupRuns, timedRuns, duration, batchSizes, inputSeed, tolerances, profilePlacement, null, null);
    }

    /** The same settings on exactly this input set. */
    public BenchmarkConfig withInputs(InputSet inputs) {
        return new BenchmarkConfig(variants, warmupRuns, timedRuns, duration, batchSizes, inputSeed, tolerances,
                profilePlacement, inputs, null, precisions);
    }

    /** The same settings on given values (their shapes fix the free dimensions; no batch sweep beyond repeating). */
    public BenchmarkConfig withInputs(GivenInputs given) {
        return new BenchmarkConfig(variants, warmupRuns, timedRuns, duration, batchSizes, inputSeed, tolerances,
                profilePlacement, null, given, precisions);
    }

    /** "random, seed 42", the given values' description, or the input set's summary. */
    public String inputsDescription() {
        return inputs != null ? inputs.summary() : givenInputs != null ? givenInputs.description() : "random, seed " + inputSeed;
    }

    public static BenchmarkConfig of(List<ProviderVariant> variants) {
        return new BenchmarkConfig(variants, DEFAULT_WARMUP, DEFAULT_RUNS, null, List.of(1), 42L, Tolerance.DEFAULT, true);
    }

    public BenchmarkConfig withRuns(int warmup, int runs) {
        return new BenchmarkConfig(variants, warmup, runs, null, batchSizes, inputSeed, tolerances, profilePlacement,
                inputs, givenInputs, precisions);
    }

    /** The same settings over these precisions (FP32, the model itself, first). */
    public BenchmarkConfig withPrecisions(List<ModelPrecision> axis) {
        return new BenchmarkConfig(variants, warmupRuns, timedRuns, duration, batchSizes, inputSeed, tolerances,
                profilePlacement, inputs, givenInputs, axis);
    }

    /** How many rows the comparison has: provider variants × precisions. */
    public int rowCount() {
        return variants.size() * Math.max(1, precisions.size());
    }
}
