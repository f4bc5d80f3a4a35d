package dev.onnxworkbench.app;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.TaskProgressView;

/**
 * Bottom line of the window (ControlsFX {@link org.controlsfx.control.StatusBar}): model path on the left;
 * the newest running task's message and progress in the middle; then its Cancel, a button listing every
 * running task (a ControlsFX {@link TaskProgressView}, each with its progress and Cancel), node count and
 * layout time. Tasks come from the app's executor: whatever runs with {@code showInStatusBar()}, from any view.
 */
final class StatusBar extends org.controlsfx.control.StatusBar {
    private final Label path = new Label("No model open");
    private final Label nodes = new Label();
    private final Label layout = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button all = new Button();
    private final TaskProgressView<Task<?>> taskView = new TaskProgressView<>();
    private final ObservableList<Task<?>> tasks;
    private PopOver popOver;

    StatusBar(ObservableList<Task<?>> tasks) {
        this.tasks = tasks;
        getStyleClass().add("workbench-status-bar");
        path.setId("status-path");
        nodes.setId("status-nodes");
        layout.setId("status-layout");
        path.setMinWidth(0);
        cancel.getStyleClass().add("small-button");
        cancel.setId("status-cancel");
        all.getStyleClass().add("small-button");
        all.setId("status-tasks");
        all.setOnAction(e -> showAll());
        taskView.setId("status-task-list");
        taskView.setPrefSize(380, 220);
        getLeftItems().add(path);
        getRightItems().addAll(cancel, all, nodes, layout);
        setText("");
        tasks.addListener((ListChangeListener<Task<?>>) change -> {
            while (change.next()) {
                // TaskProgressView drops a task itself once it is done.
                change.getAddedSubList().forEach(taskView.getTasks()::add);
            }
            showNewest();
        });
        taskView.getTasks().addAll(tasks);
        showNewest();
    }

    void setPath(String text) {
        path.setText(text);
    }

    void setNodeCount(String text) {
        nodes.setText(text);
    }

    void setLayoutTime(String text) {
        layout.setText(text);
    }

    /** The list of running tasks (what the tasks button shows). */
    TaskProgressView<Task<?>> taskView() {
        return taskView;
    }

    /** The newest running task's title, message and progress; its Cancel; "N tasks" when more run. */
    private void showNewest() {
        textProperty().unbind();
        progressProperty().unbind();
        List<Task<?>> running = List.copyOf(tasks);
        boolean busy = !running.isEmpty();
        for (var n : new javafx.scene.Node[] {cancel, all}) {
            n.setVisible(busy);
            n.setManaged(busy);
        }
        if (!busy) {
            setText("");
            setProgress(0);
            if (popOver != null) {
                popOver.hide();
            }
            return;
        }
        Task<?> newest = running.getLast();
        textProperty().bind(Bindings.createStringBinding(() -> newest.getMessage() == null || newest.getMessage().isBlank()
                ? newest.getTitle() + "…" : newest.getTitle() + ": " + newest.getMessage(), newest.titleProperty(), newest.messageProperty()));
        progressProperty().bind(newest.progressProperty());
        cancel.setOnAction(e -> newest.cancel());
        all.setText(running.size() == 1 ? "1 task" : running.size() + " tasks");
    }

    private void showAll() {
        if (popOver == null) {
            popOver = new PopOver(taskView);
            popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
            popOver.setTitle("Running tasks");
            popOver.setHeaderAlwaysVisible(true);
            popOver.setDetachable(false);
        }
        popOver.show(all);
    }
}
