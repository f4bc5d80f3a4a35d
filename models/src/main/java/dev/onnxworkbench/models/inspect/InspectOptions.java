package dev.onnxworkbench.models.inspect;

import dev.onnxworkbench.models.memory.MemoryBudget;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import java.nio.file.Path;
import java.util.List;

/**
 * What to inspect and how.
 *
 * @param tensors         tensor names to inspect; empty: every tensor produced by a top-level node
 * @param bins            histogram bins
 * @param firstValues     how many first values to keep per tensor
 * @param maxBytesPerRun  values fetched per run at most (the run is repeated for the next batch of
 *                        tensors); bounds peak memory on large models
 * @param dumpDir         write each tensor as {@code <sanitized name>.npy} plus index.json here; null: no dump
 * @param budget          activations kept at once at most (the batch, the values carried to the next cut)
 */
public record InspectOptions(List<String> tensors, int bins, int firstValues, long maxBytesPerRun, Path dumpDir,
                             MemoryBudget budget) {
    /** 64 MiB of values per run keeps a detector's inspection to a few runs at a bounded footprint. */
    public static final long DEFAULT_BYTES_PER_RUN = 64L << 20;

    public InspectOptions {
        tensors = List.copyOf(tensors);
        java.util.Objects.requireNonNull(budget, "budget");
        if (bins < 1 || firstValues < 0 || maxBytesPerRun < 1) {
            throw new IllegalArgumentException("bins ≥ 1, firstValues ≥ 0 and maxBytesPerRun ≥ 1 are required");
        }
    }

    /** Every tensor, 64 bins, 16 first values, 64 MiB per run, no dump, the default budget (1 GB). */
    public static InspectOptions all() {
        return new InspectOptions(List.of(), Histogram.DEFAULT_BINS, TensorStatistics.DEFAULT_FIRST,
                DEFAULT_BYTES_PER_RUN, null, MemoryBudget.DEFAULT);
    }

    public InspectOptions withTensors(List<String> names) {
        return new InspectOptions(names, bins, firstValues, maxBytesPerRun, dumpDir, budget);
    }

    public InspectOptions withDump(Path dir) {
        return new InspectOptions(tensors, bins, firstValues, maxBytesPerRun, dir, budget);
    }

    public InspectOptions withMaxBytesPerRun(long bytes) {
        return new InspectOptions(tensors, bins, firstValues, bytes, dumpDir, budget);
    }

    public InspectOptions withBudget(MemoryBudget value) {
        return new InspectOptions(tensors, bins, firstValues, maxBytesPerRun, dumpDir, value);
    }
}
