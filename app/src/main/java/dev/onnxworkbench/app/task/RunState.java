package dev.onnxworkbench.app.task;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Where a tool's one piece of work stands, as properties a view binds to: its {@link Phase}, one line for the
 * user and the progress. {@link #run} starts work in the tool's slot and keeps the three in step with it; a
 * run superseded by a newer one changes nothing here (the newer run owns the state). Delivery-thread only.
 */
public final class RunState {
    /** Idle (nothing ran yet, or the model changed), running, and how the last run ended. */
    public enum Phase { IDLE, RUNNING, CANCELLED, FAILED, DONE }

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final TaskSlot slot = new TaskSlot();

    public RunState(String idleMessage) {
        message.set(idleMessage);
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public Phase phase() {
        return phase.get();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String message() {
        return message.get();
    }

    /** 0..1, or −1 while the amount is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The slot the work runs in (busy until cancelled work has really stopped). */
    public TaskSlot slot() {
        return slot;
    }

    public boolean isBusy() {
        return slot.isBusy();
    }

    /** Drops any running work without a word and shows {@code idleMessage}: the model changed. */
    public void reset(String idleMessage) {
        slot.supersede();
        phase.set(Phase.IDLE);
        progress.set(0);
        message.set(idleMessage);
    }

    /** Asks the running work to stop; the state turns CANCELLED once it has. */
    public void cancel() {
        slot.cancel();
    }

    /** A mistake found before anything ran (a field that does not parse): FAILED with its message. */
    public void refuse(String why) {
        slot.supersede();
        phase.set(Phase.FAILED);
        progress.set(0);
        message.set(why);
    }

    /** A result made elsewhere (another tool's run) is shown: DONE with its line, any running work dropped. */
    public void done(String line) {
        slot.supersede();
        phase.set(Phase.DONE);
        progress.set(1);
        message.set(line);
    }

    /** Overrides the line (a result's summary, a save's outcome) without changing the phase. */
    public void say(String text) {
        message.set(text);
    }

    /**
     * Runs {@code task} in this state's slot: RUNNING with {@code startMessage}, progress as it comes, then
     * DONE with {@code done}'s line, FAILED with the error's message, or CANCELLED. The task's own
     * {@code onSuccess}/{@code onFailure}/{@code onCancelled}/{@code onProgress} are replaced.
     */
    public <V> TaskHandle run(BackgroundTask<V> task, TaskExecutor executor, String startMessage,
                              Done<? super V> done) {
        phase.set(Phase.RUNNING);
        progress.set(-1);
        message.set(startMessage);
        return task.inSlot(slot)
                .onProgress((fraction, text) -> {
                    // The line first: a listener on the progress may start newer work (a new model, a new
                    // file), whose own line must not be overwritten by this older run's.
                    if (text != null && !text.isBlank()) {
                        message.set(text);
                    }
                    progress.set(fraction);
                })
                .onSuccess(value -> {
                    String line = done.shown(value);
                    progress.set(1);
                    phase.set(Phase.DONE);
                    message.set(line);
                })
                .onFailure(error -> {
                    progress.set(0);
                    phase.set(Phase.FAILED);
                    message.set(messageOf(error));
                })
                .onCancelled(() -> {
                    progress.set(0);
                    phase.set(Phase.CANCELLED);
                    message.set("Cancelled.");
                })
                .executeWith(executor);
    }

    /** Shows a finished run's value and returns the line that sums it up. */
    @FunctionalInterface
    public interface Done<V> {
        String shown(V value);
    }

    /** The sentence for the user: the cause's message, unwrapped from executor wrappers. */
    public static String messageOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null || cause.getMessage().isBlank() ? cause.toString() : cause.getMessage();
    }

    /** Convenience for views: {@code consumer} gets every change of the line, starting with the current one. */
    public void whenMessage(Consumer<String> consumer) {
        consumer.accept(message.get());
        message.addListener((obs, was, now) -> consumer.accept(now));
    }
}
