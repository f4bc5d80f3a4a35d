package dev.onnxworkbench.graphview.render;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import javafx.application.Platform;

/** Runs work on the JavaFX thread from any thread, starting the toolkit first when nobody has. */
final class FxToolkit {
    private FxToolkit() {}

    static void ensureStarted() {
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            Platform.setImplicitExit(false);
            started.join();
        } catch (IllegalStateException alreadyRunning) {
            // Started by the application or by an earlier export.
        }
    }

    static <T> T call(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        }
    }
}
