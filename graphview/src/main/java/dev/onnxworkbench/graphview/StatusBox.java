package dev.onnxworkbench.graphview;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The message over the drawing while it is laid out ("Laying out the graph…  [Cancel]"). */
final class StatusBox extends HBox {
    private final Label text = new Label();
    private final Button action = new Button();

    StatusBox() {
        getChildren().addAll(text, action);
        getStyleClass().add("busy");
        setVisible(false);
        setManaged(false);
        action.setFocusTraversable(false);
    }

    /** Shows a message with a button, or hides the box when {@code message} is null. */
    void show(String message, String actionText, Runnable onAction) {
        setVisible(message != null);
        text.setText(message == null ? "" : message);
        action.setText(actionText == null ? "" : actionText);
        action.setOnAction(e -> {
            if (onAction != null) {
                onAction.run();
            }
        });
    }

    String message() {
        return text.getText();
    }
}
