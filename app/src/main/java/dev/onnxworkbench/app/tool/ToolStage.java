package dev.onnxworkbench.app.tool;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * The habits every tool window (Compare, Compare Runs, Tune, Optimized Graph, Serve, Predict a File) shares
 * with the rest of the desktop: Escape and Ctrl+W (⌘W) close it. Closing hides it, which stops its work.
 */
public final class ToolStage {
    public static final KeyCombination CLOSE = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private ToolStage() {
    }

    /**
     * Escape closes the window unless a control used it first (a open menu, a combo box's list, an edit
     * being cancelled in a table cell); Ctrl+W always does.
     */
    public static Stage closesOnEscapeAndShortcutW(Stage stage) {
        stage.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE || CLOSE.match(e)) {
                e.consume();
                stage.hide();
            }
        });
        return stage;
    }
}
