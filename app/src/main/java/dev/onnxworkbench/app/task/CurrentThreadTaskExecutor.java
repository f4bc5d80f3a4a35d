package dev.onnxworkbench.app.task;

/**
 * Runs each task's work and callbacks at once on the calling thread: ViewModels become plain unit tests,
 * and a race (a new model opened while old work still delivers) is a call made from inside the work. A
 * callback that throws is rethrown to the caller, so a crashing {@code onSuccess} fails the test.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private volatile boolean shutDown;

    @Override
    public <V> TaskHandle execute(BackgroundTask<V> task) {
        Execution<V> execution = new Execution<>(task, Runnable::run, crashed -> {
            throw crashed;
        });
        if (shutDown) {
            execution.refused();
        } else {
            execution.run();
        }
        return execution.handle();
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }
}
