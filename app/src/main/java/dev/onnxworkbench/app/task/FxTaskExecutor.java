package dev.onnxworkbench.app.task;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * The app's executor: work on a pool of daemon threads, callbacks on the FX thread. Each task runs inside a
 * JavaFX {@link Task} so that the status bar can show it (title, message, progress, Cancel) with ControlsFX's
 * {@code TaskProgressView}; that Task's Cancel only asks the work to stop, and the Task stays running until
 * the work has. After {@link #shutdown()} new work is refused quietly and running work is cancelled.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService workers;
    private final Set<TaskHandle> running = ConcurrentHashMap.newKeySet();
    private final ObservableList<Task<?>> shown = FXCollections.observableArrayList();
    private final ObservableList<Task<?>> shownView = FXCollections.unmodifiableObservableList(shown);
    private volatile boolean shutDown;

    public FxTaskExecutor(ExecutorService workers) {
        this.workers = workers;
    }

    @Override
    public <V> TaskHandle execute(BackgroundTask<V> task) {
        Execution<V> execution = new Execution<>(task, FxTaskExecutor::onFxThread);
        TaskHandle handle = execution.handle();
        if (shutDown) {
            execution.refused();
            return handle;
        }
        FxWorker worker = new FxWorker(execution);
        running.add(handle);
        handle.workEnded().whenComplete((ok, error) -> running.remove(handle));
        if (task.isShownInStatusBar()) {
            onFxThread(() -> {
                if (worker.isRunning() || worker.getState() == Worker.State.READY || worker.getState() == Worker.State.SCHEDULED) {
                    shown.add(worker);
                    worker.stateProperty().addListener((obs, was, now) -> {
                        if (worker.isDone()) {
                            shown.remove(worker);
                        }
                    });
                }
            });
        }
        try {
            workers.execute(worker);
        } catch (RejectedExecutionException closing) {
            running.remove(handle);
            execution.refused();
        }
        return handle;
    }

    /** The running tasks that asked to be shown in the status bar; changes on the FX thread. */
    public ObservableList<Task<?>> shownTasks() {
        return shownView;
    }

    /** How many tasks are running their work now (cancelled ones that have not stopped yet included). */
    public int runningCount() {
        return running.size();
    }

    @Override
    public void shutdown() {
        shutDown = true;
        running.forEach(TaskHandle::cancel);
    }

    private static void onFxThread(Runnable action) {
        Platform.runLater(action);
    }

    /** A JavaFX Task around one execution: its progress for the status bar, its Cancel a request. */
    private static final class FxWorker extends Task<Void> {
        private final Execution<?> execution;

        FxWorker(Execution<?> execution) {
            this.execution = execution;
            updateTitle(execution.task().title());
            execution.setSink((fraction, message) -> {
                updateProgress(fraction < 0 ? -1 : fraction, 1);
                if (message != null) {
                    updateMessage(message);
                }
            });
        }

        @Override
        protected Void call() {
            execution.run();
            return null;
        }

        /** Asks the work to stop; the Task stays running until it has (a benchmark finishes its current run). */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (!execution.handle().isCancelled()) {
                execution.handle().cancel();
                updateMessage("Cancelling…");
            }
            return true;
        }
    }
}
