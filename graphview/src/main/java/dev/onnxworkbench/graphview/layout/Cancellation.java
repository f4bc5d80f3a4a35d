package dev.onnxworkbench.graphview.layout;

import java.util.concurrent.CancellationException;

/** Cooperative cancellation of long computations: an interrupted thread stops at the next check. */
public final class Cancellation {
    private Cancellation() {}

    /** Throws when the current thread was interrupted (its work was superseded or cancelled). */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("layout cancelled");
        }
    }
}
