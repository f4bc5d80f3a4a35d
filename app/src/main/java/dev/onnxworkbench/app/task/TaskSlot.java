package dev.onnxworkbench.app.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * A place for one piece of work at a time (a view's "current run", "current layout"): starting a task here
 * supersedes the older one, whose results are then never delivered, so no call site needs a generation
 * counter. {@link #busyProperty()} stays true until every task started here has actually stopped — a
 * cancelled benchmark keeps the slot busy until its thread has left the benchmark. Use from the delivery
 * thread only (the FX thread in the app).
 */
public final class TaskSlot {
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private TaskHandle current;
    private int live;

    TaskHandle start(BackgroundTask<?> task, TaskExecutor executor) {
        if (current != null) {
            current.supersede();
        }
        live++;
        busy.set(true);
        TaskHandle[] mine = new TaskHandle[1];
        task.whenStarted(handle -> {
            mine[0] = handle;
            current = handle;
        });
        task.whenDone(() -> {
            live--;
            if (current == mine[0]) {
                current = null;
            }
            busy.set(live > 0);
        });
        return executor.execute(task);
    }

    /** Asks the current task to stop; it reports itself cancelled once its work has ended. */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /** Drops the current task: it is cancelled and nothing it produces is delivered. */
    public void supersede() {
        if (current != null) {
            current.supersede();
            current = null;
        }
    }

    /** The task started here last, while it runs and has not been superseded; null otherwise. */
    public TaskHandle current() {
        return current;
    }

    /** True while any task started here (a cancelled or superseded one included) is still running its work. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }
}
