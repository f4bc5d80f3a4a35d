package dev.onnxworkbench.app;

import dev.onnxworkbench.app.task.RunningTasks;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import org.controlsfx.control.PopOver;

/**
 * Bottom line of the window (ControlsFX {@link org.controlsfx.control.StatusBar}): model path on the left;
 * the newest running task's message and progress in the middle; then its Cancel, a button listing every
 * running task (each with its progress and Cancel), node count and layout time. Tasks come from the app's
 * executor: whatever runs with {@code showInStatusBar()}, from any view. A view that failed to show a
 * result says so here, until the next task starts.
 */
final class StatusBar extends org.controlsfx.control.StatusBar {
    private final Label path = new Label("No model open");
    private final Label nodes = new Label();
    private final Label layout = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button all = new Button();
    private final RunningTasks tasks;
    private PopOver popOver;
    private String problem = "";

    StatusBar(RunningTasks tasks) {
        this.tasks = tasks;
        getStyleClass().add("workbench-status-bar");
        path.setId("status-path");
        nodes.setId("status-nodes");
        layout.setId("status-layout");
        path.setMinWidth(0);
        cancel.getStyleClass().add("small-button");
        cancel.setId("status-cancel");
        cancel.setOnAction(e -> tasks.cancelNewest());
        all.getStyleClass().add("small-button");
        all.setId("status-tasks");
        all.setOnAction(e -> showAll());
        tasks.listView().setId("status-task-list");
        tasks.listView().setPrefSize(380, 220);
        getLeftItems().add(path);
        getRightItems().addAll(cancel, all, nodes, layout);
        tasks.countProperty().addListener((obs, was, now) -> showNewest());
        tasks.textProperty().addListener((obs, was, now) -> showNewest());
        progressProperty().bind(tasks.progressProperty());
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
    Control taskView() {
        return tasks.listView();
    }

    /** A background result that could not be shown: one line here (the log has the rest). */
    void reportProblem(String message) {
        problem = message;
        showNewest();
    }

    /** The newest running task's title and message; its Cancel; "N tasks" when more run. */
    private void showNewest() {
        int running = tasks.countProperty().get();
        boolean busy = running > 0;
        for (var n : new javafx.scene.Node[] {cancel, all}) {
            n.setVisible(busy);
            n.setManaged(busy);
        }
        if (!busy) {
            setText(problem);
            if (popOver != null) {
                popOver.hide();
            }
            return;
        }
        problem = "";
        setText(tasks.textProperty().get());
        all.setText(running == 1 ? "1 task" : running + " tasks");
    }

    private void showAll() {
        if (popOver == null) {
            popOver = new PopOver(tasks.listView());
            popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
            popOver.setTitle("Running tasks");
            popOver.setHeaderAlwaysVisible(true);
            popOver.setDetachable(false);
        }
        popOver.show(all);
    }
}
