package dev.onnxworkbench.app;

import javafx.concurrent.Worker;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Bottom line of the window: model path, node count, layout time, and the progress of a running task. */
final class StatusBar extends HBox {
    private final Label path = new Label("No model open");
    private final Label nodes = new Label();
    private final Label layout = new Label();
    private final Label activity = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");

    StatusBar() {
        getStyleClass().add("status-bar");
        path.setId("status-path");
        nodes.setId("status-nodes");
        layout.setId("status-layout");
        activity.setId("status-activity");
        path.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        progress.setPrefWidth(140);
        cancel.getStyleClass().add("small-button");
        getChildren().addAll(path, spacer, activity, progress, cancel, nodes, layout);
        showIdle();
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

    /** Shows a running task with its progress and a Cancel button until it ends. */
    void track(Worker<?> task, String what) {
        activity.setText(what);
        progress.progressProperty().bind(task.progressProperty());
        cancel.setOnAction(e -> task.cancel());
        setBusy(true);
        task.runningProperty().addListener((obs, was, running) -> {
            if (!running) {
                progress.progressProperty().unbind();
                showIdle();
            }
        });
    }

    private void showIdle() {
        activity.setText("");
        setBusy(false);
    }

    private void setBusy(boolean busy) {
        for (var n : new javafx.scene.Node[] {progress, cancel, activity}) {
            n.setVisible(busy);
            n.setManaged(busy);
        }
    }
}
