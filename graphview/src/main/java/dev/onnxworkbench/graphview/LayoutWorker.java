package dev.onnxworkbench.graphview;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs one view's layouts (and re-rasterisations) in the background, one at a time: submitting new
 * work cancels the old (interrupting it, like Netron's layout worker is terminated), and only the
 * newest work's result reaches the JavaFX thread. All views share one daemon thread with a deep stack.
 */
final class LayoutWorker {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "graph-layout", 256L << 20);
        t.setDaemon(true);
        return t;
    });

    private Future<?> current;
    private long generation;

    /**
     * Starts {@code work}, cancelling what this worker ran before. {@code done} or {@code failed} is
     * called on the FX thread unless newer work was submitted or {@link #cancel()} was called meanwhile.
     * Cancellation itself is not reported as a failure.
     */
    <T> void submit(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        cancel();
        long mine = ++generation;
        current = THREAD.submit(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> {
                    if (mine == generation) {
                        current = null;
                        done.accept(result);
                    }
                });
            } catch (CancellationException | InterruptedException cancelled) {
                // superseded: nobody waits for this result
            } catch (Throwable t) {
                Platform.runLater(() -> {
                    if (mine == generation) {
                        current = null;
                        failed.accept(t);
                    }
                });
            }
        });
    }

    /** Stops the running work (if any) and drops its result. */
    void cancel() {
        generation++;
        if (current != null) {
            current.cancel(true);
            current = null;
        }
    }

    boolean isBusy() {
        return current != null;
    }
}
