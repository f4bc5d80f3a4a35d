package dev.onnxworkbench.app.task;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;

/**
 * The only door to the FX thread outside the task executor, for the few callers that are not background
 * work: the uncaught-exception handler, a measurement that must land after the next pulse, and the CLI's
 * off-screen drawing. Views deliver through {@link BackgroundTask} instead.
 */
public final class FxThread {
    private FxThread() {
    }

    /** Runs {@code action} on the FX thread later; dropped quietly when the toolkit is gone (the app is closing). */
    public static void later(Runnable action) {
        try {
            Platform.runLater(action);
        } catch (IllegalStateException toolkitGone) {
            // Nobody is left to show it to.
        }
    }

    /** Runs {@code work} on the FX thread and waits for its value (never call it from the FX thread). */
    public static <V> V call(Callable<V> work) throws ExecutionException, InterruptedException {
        CompletableFuture<V> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done.get();
    }
}
