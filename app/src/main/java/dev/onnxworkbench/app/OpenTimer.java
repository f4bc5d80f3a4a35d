package dev.onnxworkbench.app;

import dev.onnxworkbench.graphview.GraphView;
import java.lang.System.Logger.Level;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;

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
    private long mapMillis;
    private long deliveredMillis;
    private long panesMillis;
    private volatile long lastMillis = -1;
    private volatile long lastDrawnNanos;
    private volatile int drawn;
    private volatile String lastPhases = "";
    private ChangeListener<Boolean> waiting;

    OpenTimer(GraphView view) {
        this.view = view;
    }

    /** A file was chosen. */
    void started(String file) {
        what = file;
        startNanos = System.nanoTime();
    }

    /** The opened model reached the FX thread, after {@code readMs} reading and {@code mapMs} mapping it. */
    void delivered(long readMs, long mapMs) {
        readMillis = readMs;
        mapMillis = mapMs;
        deliveredMillis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The model is read and its graph handed to the view; the time ends at the frame after the layout. */
    void shown() {
        if (what == null) {
            return;
        }
        panesMillis = (System.nanoTime() - startNanos) / 1_000_000 - deliveredMillis;
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

    /** Where the last open's time went: read, map, arrival on the FX thread, the panes' updates, layout. */
    String lastPhases() {
        return lastPhases;
    }

    /** The last open's time in milliseconds, or -1 before the first has been drawn. */
    long lastMillis() {
        return lastMillis;
    }

    /** How many opens have been drawn (the benchmark waits for the next one; two opens may take the same time). */
    int drawnCount() {
        return drawn;
    }

    /** {@link System#nanoTime} when the last open was drawn. */
    long lastDrawnNanos() {
        return lastDrawnNanos;
    }

    private void drawnAtNextPulse() {
        String file = what;
        long start = startNanos;
        what = null;
        // The canvas holds the new drawing already; it reaches the screen with the next pulse's render, so the
        // time ends when that pulse has run its CSS and layout (the frame is then handed to the renderer).
        Runnable done = () -> {
            lastDrawnNanos = System.nanoTime();
            lastMillis = (lastDrawnNanos - start) / 1_000_000;
            lastPhases = "read " + readMillis + ", map " + mapMillis + ", on FX thread after " + deliveredMillis
                    + ", panes " + panesMillis + ", layout " + view.layoutMillisProperty().get() + " ms";
            drawn++;
            LOG.log(Level.DEBUG, () -> "open-to-drawn " + file + ": " + lastMillis + " ms (" + lastPhases + ")");
        };
        Scene scene = view.getScene();
        if (scene == null) {
            dev.onnxworkbench.app.task.FxThread.later(done);
            return;
        }
        Runnable[] once = new Runnable[1];
        boolean[] fired = {false};
        once[0] = () -> {
            if (!fired[0]) {
                fired[0] = true;
                done.run();
                // Not removed while the scene walks its listeners.
                dev.onnxworkbench.app.task.FxThread.later(() -> scene.removePostLayoutPulseListener(once[0]));
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    private void stopWaiting() {
        if (waiting != null) {
            view.layingOutProperty().removeListener(waiting);
            waiting = null;
        }
    }
}
