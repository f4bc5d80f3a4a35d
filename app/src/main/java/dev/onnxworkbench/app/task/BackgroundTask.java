package dev.onnxworkbench.app.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * One piece of background work and what to do with its outcome, in the spirit of JabRef's
 * {@code BackgroundTask}: {@code BackgroundTask.wrap(work).onSuccess(show).onFailure(report).executeWith(tasks)}.
 * The work runs on the executor's threads; every callback runs on its delivery thread (the FX thread in the
 * app, the caller's thread in tests). A task started {@link #inSlot in a slot} supersedes the slot's older
 * task: that one is cancelled and nothing it produces is ever delivered.
 */
public final class BackgroundTask<V> {

    /** The work, with a handle to report progress, publish partial results and notice cancellation. */
    @FunctionalInterface
    public interface Work<V> {
        V call(Progress progress) throws Exception;
    }

    /** What running work may do besides returning its value. Safe to call from the work's thread. */
    public interface Progress {
        /** Reports how far the work is (0..1, or negative when unknown) and what it is doing. */
        void update(double fraction, String message);

        /** True once the work was cancelled or superseded: stop soon and return anything. */
        boolean isCancelled();

        /**
         * Runs {@code onDeliveryThread} on the delivery thread, unless the work has been cancelled or
         * superseded by then: partial results of old work never reach the view.
         */
        void publish(Runnable onDeliveryThread);
    }

    /** Receives progress on the delivery thread. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(double fraction, String message);
    }

    private final Work<V> work;
    private String title = "";
    private boolean shownInStatusBar;
    private TaskSlot slot;
    private Consumer<? super V> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };
    private ProgressListener onProgress = (f, m) -> { };
    private Consumer<? super V> onDiscarded = v -> { };

    private BackgroundTask(Work<V> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <V> BackgroundTask<V> wrap(Callable<V> callable) {
        Objects.requireNonNull(callable);
        return new BackgroundTask<>(progress -> callable.call());
    }

    public static <V> BackgroundTask<V> wrap(Work<V> work) {
        return new BackgroundTask<>(work);
    }

    public static BackgroundTask<Void> wrap(ThrowingRunnable runnable) {
        Objects.requireNonNull(runnable);
        return new BackgroundTask<>(progress -> {
            runnable.run();
            return null;
        });
    }

    /** A runnable that may throw, for work without a value. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Names the work; with {@link #showInStatusBar()} the status bar lists it with progress and Cancel. */
    public BackgroundTask<V> withTitle(String title) {
        this.title = Objects.requireNonNull(title);
        return this;
    }

    public BackgroundTask<V> showInStatusBar() {
        this.shownInStatusBar = true;
        return this;
    }

    /** Starting this task cancels the slot's older task and drops whatever that one still delivers. */
    public BackgroundTask<V> inSlot(TaskSlot slot) {
        this.slot = Objects.requireNonNull(slot);
        return this;
    }

    public BackgroundTask<V> onSuccess(Consumer<? super V> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    public BackgroundTask<V> onFailure(Consumer<Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** Runs when the user cancelled the work, once the work has actually stopped (not when superseded). */
    public BackgroundTask<V> onCancelled(Runnable action) {
        this.onCancelled = Objects.requireNonNull(action);
        return this;
    }

    /** Runs after success, failure or cancellation (not when superseded), once the work has stopped. */
    public BackgroundTask<V> onFinished(Runnable action) {
        this.onFinished = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Receives a value that the work returned but nobody will see, because the task was superseded or
     * cancelled meanwhile: close what it holds (a server, a session). Runs on the delivery thread.
     */
    public BackgroundTask<V> onDiscarded(Consumer<? super V> action) {
        this.onDiscarded = Objects.requireNonNull(action);
        return this;
    }

    public BackgroundTask<V> onProgress(ProgressListener listener) {
        this.onProgress = Objects.requireNonNull(listener);
        return this;
    }

    /** Starts the work (in its slot, when it has one) and returns a handle to cancel it. */
    public TaskHandle executeWith(TaskExecutor executor) {
        return slot == null ? executor.execute(this) : slot.start(this, executor);
    }

    public String title() {
        return title;
    }

    public boolean isShownInStatusBar() {
        return shownInStatusBar;
    }

    // ---- for executors and slots ----

    private Consumer<TaskHandle> whenStarted = h -> { };
    private Runnable whenDone = () -> { };

    /** Slots learn the handle before any work runs (a same-thread executor runs it inside execute). */
    void whenStarted(Consumer<TaskHandle> hook) {
        whenStarted = whenStarted.andThen(hook);
    }

    /** Runs on the delivery thread after the outcome was handled or dropped, whatever it was. */
    void whenDone(Runnable hook) {
        Runnable before = whenDone;
        whenDone = () -> {
            before.run();
            hook.run();
        };
    }

    void started(TaskHandle handle) {
        whenStarted.accept(handle);
    }

    void done() {
        whenDone.run();
    }

    V call(Progress progress) throws Exception {
        return work.call(progress);
    }

    void succeeded(V value) {
        onSuccess.accept(value);
    }

    void failed(Throwable error) {
        onFailure.accept(error);
    }

    void cancelled() {
        onCancelled.run();
    }

    void discarded(V value) {
        onDiscarded.accept(value);
    }

    void finished() {
        onFinished.run();
    }

    void progressed(double fraction, String message) {
        onProgress.progress(fraction, message);
    }
}
