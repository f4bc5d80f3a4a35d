package dev.onnxworkbench.app.task;

/**
 * Runs {@link BackgroundTask}s: the work on some thread, the callbacks on one delivery thread. The app's is
 * {@link FxTaskExecutor} (daemon threads, callbacks on the FX thread); tests use
 * {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor {
    <V> TaskHandle execute(BackgroundTask<V> task);

    /** Cancels all running work and refuses new work quietly (each later task just ends as cancelled). */
    void shutdown();
}
