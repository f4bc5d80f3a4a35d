package dev.onnxworkbench.app.task;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.control.Control;
import org.controlsfx.control.TaskProgressView;

/**
 * The work the status bar shows, as plain properties: the newest running task's "title: message" and
 * progress, how many run, its Cancel, and the list of all of them (a ControlsFX {@link TaskProgressView},
 * each with its progress and Cancel). The JavaFX {@link Task}s behind it stay inside this package.
 */
public final class RunningTasks {
    private final ObservableList<Task<?>> tasks;
    private final TaskProgressView<Task<?>> list = new TaskProgressView<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count", 0);
    private Task<?> newest;

    RunningTasks(ObservableList<Task<?>> tasks) {
        this.tasks = tasks;
        tasks.addListener((ListChangeListener<Task<?>>) change -> {
            while (change.next()) {
                // TaskProgressView drops a task itself once it is done.
                change.getAddedSubList().forEach(list.getTasks()::add);
            }
            showNewest();
        });
        list.getTasks().addAll(tasks);
        showNewest();
    }

    /** "Title: message" of the newest running task, or empty when none runs. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The newest running task's progress (0..1, −1 when unknown), 0 when none runs. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** How many shown tasks run now. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** Asks the newest running task to stop. */
    public void cancelNewest() {
        if (newest != null) {
            newest.cancel();
        }
    }

    /** Every running task with its own progress and Cancel (what the status bar's "N tasks" button pops up). */
    public Control listView() {
        return list;
    }

    private void showNewest() {
        text.unbind();
        progress.unbind();
        List<Task<?>> running = List.copyOf(tasks);
        count.set(running.size());
        if (running.isEmpty()) {
            newest = null;
            text.set("");
            progress.set(0);
            return;
        }
        Task<?> task = running.getLast();
        newest = task;
        text.bind(Bindings.createStringBinding(() -> task.getMessage() == null || task.getMessage().isBlank()
                ? task.getTitle() + "…" : task.getTitle() + ": " + task.getMessage(), task.titleProperty(),
                task.messageProperty()));
        progress.bind(task.progressProperty());
    }
}
