package dev.onnxworkbench.app.task;

import java.util.concurrent.CompletableFuture;

/**
 * A started {@link BackgroundTask}: cancel it, ask whether its work is still running, or wait for the work
 * to end. Cancelling only asks: the work stops at its next check, and until then the task counts as running.
 */
public final class TaskHandle {
    private final String title;
    private volatile boolean cancelled;
    private volatile boolean superseded;
    private final CompletableFuture<Void> workEnded = new CompletableFuture<>();

    TaskHandle(String title) {
        this.title = title;
    }

    /** Asks the work to stop; its outcome is reported as cancelled once it has. */
    public void cancel() {
        cancelled = true;
    }

    /** Cancels the work and drops everything it would still deliver, cancellation included. */
    void supersede() {
        superseded = true;
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    boolean isSuperseded() {
        return superseded;
    }

    /** True until the work's call has returned or thrown (a cancelled task runs until it notices). */
    public boolean isRunning() {
        return !workEnded.isDone();
    }

    /** Completes when the work has returned or thrown, on the work's thread, before any callback. */
    public CompletableFuture<Void> workEnded() {
        return workEnded;
    }

    public String title() {
        return title;
    }

    void ended() {
        workEnded.complete(null);
    }
}
