package dev.onnxworkbench.app;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;

/**
 * Drag-and-drop of a model file onto the window: while a file is dragged over, a dashed frame
 * says what dropping will do; on drop the file goes to the opener, which refuses non-ONNX files
 * with a message and keeps the current model.
 */
final class FileDropTarget extends StackPane {
    private final Label hint = new Label();
    private final Consumer<Path> open;
    private final Consumer<String> refuse;

    FileDropTarget(Consumer<Path> open, Consumer<String> refuse) {
        this.open = open;
        this.refuse = refuse;
        getStyleClass().add("drop-target");
        setId("drop-target");
        hint.setId("drop-hint");
        getChildren().add(hint);
        StackPane.setAlignment(hint, Pos.CENTER);
        setMouseTransparent(true);
        setVisible(false);
    }

    /** Listens for drags on {@code area} (the window's root). */
    void attach(Node area) {
        area.addEventHandler(DragEvent.DRAG_OVER, this::onDragOver);
        area.addEventHandler(DragEvent.DRAG_ENTERED_TARGET, this::showHint);
        area.addEventHandler(DragEvent.DRAG_EXITED, e -> setVisible(false));
        area.addEventHandler(DragEvent.DRAG_DROPPED, this::onDropped);
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            showHint(e);
        }
    }

    private void showHint(DragEvent e) {
        Dragboard board = e.getDragboard();
        if (board.hasFiles()) {
            List<File> files = board.getFiles();
            hint.setText(files.size() == 1 ? "Drop to open " + files.getFirst().getName()
                    : "Drop one model file at a time (" + files.size() + " files dragged)");
            setVisible(true);
            e.consume();
        }
    }

    private void onDropped(DragEvent e) {
        setVisible(false);
        Dragboard board = e.getDragboard();
        if (!board.hasFiles()) {
            e.setDropCompleted(false);
            return;
        }
        List<File> files = board.getFiles();
        e.setDropCompleted(true);
        e.consume();
        if (files.size() != 1) {
            refuse.accept("Drop one model file at a time; " + files.size() + " files were dropped.");
        } else if (files.getFirst().isDirectory()) {
            refuse.accept(files.getFirst().getName() + " is a folder. Drop an .onnx model file.");
        } else {
            open.accept(files.getFirst().toPath());
        }
    }

    String hintText() {
        return hint.getText();
    }
}
