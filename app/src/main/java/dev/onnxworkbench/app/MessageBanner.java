package dev.onnxworkbench.app;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * A non-blocking message over the top of the graph: errors a user caused ("this file is not an
 * ONNX model") and short notes. The current model stays usable underneath; ✕ or the next
 * successful open dismisses it.
 */
public final class MessageBanner extends HBox {
    private final Label message = new Label();

    public MessageBanner() {
        getStyleClass().add("banner");
        setId("message-banner");
        message.setId("banner-message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button close = new Button("✕");
        close.getStyleClass().add("banner-close");
        close.setOnAction(e -> hide());
        getChildren().addAll(message, close);
        setMaxHeight(USE_PREF_SIZE);
        StackPane.setAlignment(this, Pos.TOP_CENTER);
        hide();
    }

    public void showError(String text) {
        show(text, false);
    }

    public void showInfo(String text) {
        show(text, true);
    }

    public void hide() {
        setVisible(false);
        setManaged(false);
    }

    public String text() {
        return isVisible() ? message.getText() : "";
    }

    private void show(String text, boolean info) {
        message.setText(text);
        getStyleClass().remove("info");
        if (info) {
            getStyleClass().add("info");
        }
        setVisible(true);
        setManaged(true);
    }
}
