package dev.onnxworkbench.app;

import java.time.Instant;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.application.Preloader;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Measures start time from outside the window code, for the installer's start-time benchmark
 * (jlink/README-install.md, .ci/package-check). A JavaFX preloader, switched on only by
 * {@code -Djavafx.preloader=dev.onnxworkbench.app.StartupProbe} (for the installed launcher:
 * {@code JAVA_TOOL_OPTIONS}); it shows nothing itself, so it does not change what it measures.
 *
 * <p>It watches the application's windows on every pulse. The model counts as shown on the first
 * frame after a window's title names a model file and its status bar reports the finished layout
 * ({@code #status-layout} reads "layout N ms"); then it prints one line to stderr:
 * {@code onnx-workbench: model shown at EPOCH_MS (N ms after process start)}.
 * With {@code -Donnxworkbench.startupProbe.exit=true} the app then quits, so a script can time
 * cold starts; if no model shows within a minute it says so and quits with status 3.
 */
public final class StartupProbe extends Preloader {
    static final String EXIT_PROPERTY = "onnxworkbench.startupProbe.exit";
    private static final long TIMEOUT_NANOS = 60_000_000_000L;

    @Override
    public void start(Stage stage) {
        // No splash screen: the probe only watches.
    }

    @Override
    public void handleStateChangeNotification(StateChangeNotification notification) {
        if (notification.getType() == StateChangeNotification.Type.BEFORE_START) {
            new Watcher(Boolean.getBoolean(EXIT_PROPERTY)).start();
        }
    }

    /** True for the title of a window that shows a model ("mnist.onnx — ONNX Workbench"). */
    static boolean namesModel(String title) {
        return title != null && title.endsWith(" — ONNX Workbench") && !title.startsWith(" — ");
    }

    /** True when the scene's status bar reports a finished layout ("layout 42 ms"). */
    static boolean layoutReported(Scene scene) {
        Node node = scene == null ? null : scene.lookup("#status-layout");
        return node instanceof Labeled label && label.getText() != null && label.getText().matches("layout \\d+ ms");
    }

    private static final class Watcher extends AnimationTimer {
        private final boolean exitWhenShown;
        private long startedNanos = -1;
        private boolean modelOnScreen;

        Watcher(boolean exitWhenShown) {
            this.exitWhenShown = exitWhenShown;
        }

        @Override
        public void handle(long now) {
            if (startedNanos < 0) {
                startedNanos = now;
            }
            if (modelOnScreen) {
                // The previous pulse put the model into the scene; this pulse comes after its frame.
                report();
                return;
            }
            for (Window window : Window.getWindows()) {
                if (window.isShowing() && window instanceof Stage stage && namesModel(stage.getTitle())
                        && layoutReported(stage.getScene())) {
                    modelOnScreen = true;
                    return;
                }
            }
            if (now - startedNanos > TIMEOUT_NANOS) {
                stop();
                System.err.println("onnx-workbench: startup probe saw no model on screen within 60 s");
                if (exitWhenShown) {
                    quit(3);
                }
            }
        }

        private void report() {
            stop();
            long shownAt = System.currentTimeMillis();
            long sinceStart = ProcessHandle.current().info().startInstant()
                    .map(start -> shownAt - start.toEpochMilli()).orElse(-1L);
            System.err.println("onnx-workbench: model shown at " + shownAt + " (" + sinceStart
                    + " ms after process start, " + Instant.ofEpochMilli(shownAt) + ")");
            if (exitWhenShown) {
                quit(0);
            }
        }

        private static void quit(int status) {
            if (status != 0) {
                System.exit(status); // a normal JavaFX exit would end with 0
            }
            Platform.exit(); // runs Application.stop(), as closing the window would
            // If something keeps the JVM alive after that, end it anyway.
            Thread guard = new Thread(() -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.exit(status);
            }, "startup-probe-exit");
            guard.setDaemon(true);
            guard.start();
        }
    }
}
