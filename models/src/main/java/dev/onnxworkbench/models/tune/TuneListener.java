package dev.onnxworkbench.models.tune;

/** Progress, finished candidates and cancellation of a running {@link Tuner}; called on the tuner's thread. */
public interface TuneListener {
    TuneListener NONE = new TuneListener() {};

    /** {@code fraction} of the budget in [0, 1], and what is happening. */
    default void progress(double fraction, String message) {}

    /** A candidate was measured (or found unavailable, failed, or skipped). */
    default void candidateFinished(Candidate candidate) {}

    /** Polled between runs; true stops the tuning with what was measured so far. */
    default boolean isCancelled() {
        return false;
    }
}
