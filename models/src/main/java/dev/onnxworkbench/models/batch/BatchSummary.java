package dev.onnxworkbench.models.batch;

/** Rows read, rows that got an error instead of a prediction, elapsed time, and whether it was cancelled. */
public record BatchSummary(long rows, long errors, long nanos, boolean cancelled) {
    public double seconds() {
        return nanos / 1e9;
    }

    public double rowsPerSecond() {
        return nanos == 0 ? 0 : rows / seconds();
    }
}
