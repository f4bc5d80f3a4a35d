package dev.onnxworkbench.models.bench;

/** Progress, per-row results and cancellation for a running {@link Benchmark}. Called on the benchmark's thread. */
public interface BenchmarkListener {
    BenchmarkListener NONE = new BenchmarkListener() {};

    /** {@code fraction} in [0, 1] of the whole comparison; called at most every ~50 ms while timing. */
    default void progress(double fraction, String message) {}

    /** A provider row is complete (or failed, or is unavailable). */
    default void providerFinished(ProviderResult result) {}

    /** Polled between runs; true stops the benchmark after the current run. */
    default boolean isCancelled() {
        return false;
    }
}
