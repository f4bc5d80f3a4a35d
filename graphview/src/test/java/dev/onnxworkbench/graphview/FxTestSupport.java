package dev.onnxworkbench.graphview;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts JavaFX (headless in tests) once and runs code on its thread. */
public final class FxTestSupport {
    private FxTestSupport() {}

    public static void start() {
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            Platform.setImplicitExit(false);
            started.join();
        } catch (IllegalStateException alreadyStarted) {
            // fine
        }
    }

    public static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
