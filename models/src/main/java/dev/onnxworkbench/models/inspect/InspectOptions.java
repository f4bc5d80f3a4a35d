package dev.onnxworkbench.models.inspect;

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
 */
public record InspectOptions(List<String> tensors, int bins, int firstValues, long maxBytesPerRun, Path dumpDir) {
    /** 128 MiB of values per run keeps a detector's inspection to a few runs at a bounded footprint. */
    public static final long DEFAULT_BYTES_PER_RUN = 64L << 20;

    public InspectOptions {
        tensors = List.copyOf(tensors);
        if (bins < 1 || firstValues < 0 || maxBytesPerRun < 1) {
            throw new IllegalArgumentException("bins ≥ 1, firstValues ≥ 0 and maxBytesPerRun ≥ 1 are required");
        }
    }

    /** Every tensor, 64 bins, 16 first values, 128 MiB per run, no dump. */
    public static InspectOptions all() {
        return new InspectOptions(List.of(), Histogram.DEFAULT_BINS, TensorStatistics.DEFAULT_FIRST,
                DEFAULT_BYTES_PER_RUN, null);
    }

    public InspectOptions withTensors(List<String> names) {
        return new InspectOptions(names, bins, firstValues, maxBytesPerRun, dumpDir);
    }

    public InspectOptions withDump(Path dir) {
        return new InspectOptions(tensors, bins, firstValues, maxBytesPerRun, dir);
    }

    public InspectOptions withMaxBytesPerRun(long bytes) {
        return new InspectOptions(tensors, bins, firstValues, bytes, dumpDir);
    }
}
