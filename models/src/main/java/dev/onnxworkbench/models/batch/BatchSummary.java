package dev.onnxworkbench.models.batch;

/**
 * How a batch job went (or is going): {@code rows} read in this run, of which {@code errors} got an error row
 * instead of a prediction; elapsed time; whether it was cancelled; {@code resumedFrom} source rows an earlier
 * run had committed (skipped by {@code --resume}); {@code expectedRows} in the whole source when it knows
 * (Parquet, SQL), else −1.
 */
public record BatchSummary(long rows, long errors, long nanos, boolean cancelled, long resumedFrom,
                           long expectedRows) {
    public BatchSummary(long rows, long errors, long nanos, boolean cancelled) {
        this(rows, errors, nanos, cancelled, 0, -1);
    }

    public double seconds() {
        return nanos / 1e9;
    }

    public double rowsPerSecond() {
        return nanos == 0 ? 0 : rows / seconds();
    }

    /** Rows this run has predicted (successfully). */
    public long predicted() {
        return rows - errors;
    }

    /** Fraction of the source done (resumed rows included), or −1 when the source's size is unknown. */
    public double fraction() {
        return expectedRows <= 0 ? -1 : Math.min(1, (resumedFrom + rows) / (double) expectedRows);
    }

    /** Seconds left at the rate so far, or −1 when unknown. */
    public double etaSeconds() {
        double rate = rowsPerSecond();
        if (expectedRows < 0 || rate <= 0) {
            return -1;
        }
        return Math.max(0, expectedRows - resumedFrom - rows) / rate;
    }
}
