package dev.onnxworkbench.app;

import javafx.scene.Node;
import org.controlsfx.control.NotificationPane;

/**
 * A non-blocking message that slides in over the top of the graph (ControlsFX {@link NotificationPane}
 * around it): errors a user caused ("this file is not an ONNX model") and short notes. The current
 * model stays usable underneath; ✕ or the next successful open dismisses it. Errors and notes differ
 * by style class ({@code error}, {@code info}), coloured by the theme's looked-up colours.
 */
public final class MessageBanner extends NotificationPane {

    public MessageBanner(Node content) {
        super(content);
        setId("message-banner");
        getStyleClass().add("workbench-banner");
        setShowFromTop(true);
        setCloseButtonVisible(true);
    }

    public void showError(String text) {
        show(text, false);
    }

    public void showInfo(String text) {
        show(text, true);
    }

    /** The message shown, or empty when none is. */
    public String text() {
        return isShowing() && getText() != null ? getText() : "";
    }

    private void show(String text, boolean info) {
        getStyleClass().removeAll("error", "info");
        getStyleClass().add(info ? "info" : "error");
        show(text);
    }
}
