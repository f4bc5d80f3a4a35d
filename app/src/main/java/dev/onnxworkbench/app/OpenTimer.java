package dev.onnxworkbench.app;

import dev.onnxworkbench.graphview.GraphView;
import java.lang.System.Logger.Level;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;

/**
 * Open-to-drawn timing: from the moment a file is chosen (the file dialog closed, a drop, a recent
 * file) until the first frame that shows its graph laid out. Logged at DEBUG
 * ({@code dev.onnxworkbench.app.OpenTimer}) and kept for the open benchmark; nothing is asserted on it.
 */
final class OpenTimer {
    private static final System.Logger LOG = System.getLogger(OpenTimer.class.getName());

    private final GraphView view;
    private String what;
    private long startNanos;
    private long readMillis;
    private volatile long lastMillis = -1;
    private ChangeListener<Boolean> waiting;

    OpenTimer(GraphView view) {
        this.view = view;
    }

    /** A file was chosen. */
    void started(String file) {
        what = file;
        startNanos = System.nanoTime();
    }

    /** The model is read and its graph handed to the view; the time ends at the frame after the layout. */
    void shown(long readMs) {
        if (what == null) {
            return;
        }
        readMillis = readMs;
        stopWaiting();
        if (!view.isLayingOut()) {
            drawnAtNextPulse();
            return;
        }
        waiting = (obs, was, laying) -> {
            if (!laying) {
                stopWaiting();
                drawnAtNextPulse();
            }
        };
        view.layingOutProperty().addListener(waiting);
    }

    /** The last open's time in milliseconds, or -1 before the first has been drawn. */
    long lastMillis() {
        return lastMillis;
    }

    private void drawnAtNextPulse() {
        String file = what;
        long start = startNanos;
        what = null;
        // The canvas repaints on the pulse after the layout is applied; runLater lands after that pulse's work.
        Platform.requestNextPulse();
        dev.onnxworkbench.app.task.FxThread.later(() -> {
            lastMillis = (System.nanoTime() - start) / 1_000_000;
            LOG.log(Level.DEBUG, () -> "open-to-drawn " + file + ": " + lastMillis + " ms (read " + readMillis
                    + " ms, layout " + view.layoutMillisProperty().get() + " ms)");
        });
    }

    private void stopWaiting() {
        if (waiting != null) {
            view.layingOutProperty().removeListener(waiting);
            waiting = null;
        }
    }
}
