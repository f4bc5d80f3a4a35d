package dev.onnxworkbench.app.task;

import java.util.concurrent.Executor;

/**
 * One run of a {@link BackgroundTask}: calls the work on the current thread, then hands the outcome to the
 * delivery thread, where it is dropped when the task was superseded and reported as cancelled when the user
 * cancelled it. Shared by every executor so that they all keep the same promises.
 */
final class Execution<V> implements BackgroundTask.Progress {
    private final BackgroundTask<V> task;
    private final TaskHandle handle;
    private final Executor deliverer;
    private final java.util.function.Consumer<RuntimeException> deliveryFailed;
    private final java.util.concurrent.atomic.AtomicReference<Update> pending = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile ProgressSink sink = (f, m) -> { };

    /** Where progress goes besides the task's listener (a JavaFX Task's progress, for the status bar). */
    interface ProgressSink {
        void update(double fraction, String message);
    }

    /**
     * @param deliverer      runs callbacks on the delivery thread (it may drop them when that thread is gone)
     * @param deliveryFailed told when a callback (onSuccess, onFailure, progress…) throws: a crashing view must
     *                       be seen, never swallowed
     */
    Execution(BackgroundTask<V> task, Executor deliverer, java.util.function.Consumer<RuntimeException> deliveryFailed) {
        this.task = task;
        this.handle = new TaskHandle(task.title());
        this.deliverer = deliverer;
        this.deliveryFailed = deliveryFailed;
        task.started(handle);
    }

    TaskHandle handle() {
        return handle;
    }

    BackgroundTask<V> task() {
        return task;
    }

    void setSink(ProgressSink sink) {
        this.sink = sink;
    }

    /** Runs the work on this thread and delivers its outcome. */
    void run() {
        V value = null;
        Throwable error = null;
        try {
            if (!handle.isCancelled()) {
                value = task.call(this);
            }
        } catch (Throwable t) {
            error = t;
        } finally {
            handle.ended();
        }
        V result = value;
        Throwable failure = error;
        deliver(() -> finish(result, failure));
    }

    /** The executor could not take the work (it is shut down): it ends as cancelled, without noise. */
    void refused() {
        handle.cancel();
        handle.ended();
        deliver(() -> finish(null, null));
    }

    private void finish(V value, Throwable error) {
        try {
            if (handle.isCancelled() && value != null) {
                task.discarded(value);
            }
            if (handle.isSuperseded()) {
                return;
            }
            if (handle.isCancelled()) {
                task.cancelled();
            } else if (error != null) {
                task.failed(error);
            } else {
                task.succeeded(value);
            }
            task.finished();
        } finally {
            task.done();
        }
    }

    private void deliver(Runnable action) {
        deliverer.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException crashed) {
                deliveryFailed.accept(crashed);
            }
        });
    }

    @Override
    public void update(double fraction, String message) {
        sink.update(fraction, message);
        // Coalesced: a burst of updates costs the delivery thread one callback with the latest.
        if (pending.getAndSet(new Update(fraction, message)) == null) {
            deliver(() -> {
                Update latest = pending.getAndSet(null);
                if (latest != null && !handle.isCancelled()) {
                    task.progressed(latest.fraction(), latest.message());
                }
            });
        }
    }

    private record Update(double fraction, String message) {}

    @Override
    public boolean isCancelled() {
        return handle.isCancelled();
    }

    @Override
    public void publish(Runnable onDeliveryThread) {
        deliver(() -> {
            if (!handle.isCancelled()) {
                onDeliveryThread.run();
            }
        });
    }
}
