package dev.onnxworkbench.app.task;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
    /** Made here, while no task exists yet; it changes on the FX thread only. */
    private final RunningTasks runningTasks = new RunningTasks(shownView);
    private volatile boolean shutDown;
    private volatile java.util.function.Consumer<RuntimeException> deliveryFailed = FxTaskExecutor::log;

    public FxTaskExecutor(ExecutorService workers) {
        this.workers = workers;
    }

    /**
     * Where a callback that threw goes (on the FX thread): the window shows it in its status bar and logs
     * it. Until a window sets one, it is logged.
     */
    public void onDeliveryFailure(java.util.function.Consumer<RuntimeException> reporter) {
        this.deliveryFailed = java.util.Objects.requireNonNull(reporter);
    }

    private static void log(RuntimeException crashed) {
        System.getLogger(FxTaskExecutor.class.getName()).log(System.Logger.Level.ERROR,
                "A background task's result could not be shown", crashed);
    }

    @Override
    public <V> TaskHandle execute(BackgroundTask<V> task) {
        Execution<V> execution = new Execution<>(task, FxTaskExecutor::onFxThread,
                crashed -> deliveryFailed.accept(crashed));
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
                    // By state, not isDone(): the FutureTask completes only after the state has changed.
                    worker.stateProperty().addListener((obs, was, now) -> {
                        if (now == Worker.State.SUCCEEDED || now == Worker.State.FAILED || now == Worker.State.CANCELLED) {
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
    ObservableList<Task<?>> shownTasks() {
        return shownView;
    }

    /** What the status bar shows of the running tasks. */
    public RunningTasks runningTasks() {
        return runningTasks;
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
        FxThread.later(action);
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
