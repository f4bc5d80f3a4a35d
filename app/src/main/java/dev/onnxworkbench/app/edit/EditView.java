package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.models.edit.EditValidation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Edit mode's panel: the pending edits, the latest check's verdict, Undo/Redo, Save As… and Save Edits…. */
public final class EditView extends BorderPane {
    private final EditViewModel model;
    private final Label verdict = new Label("No edits yet.");
    private final Label message = new Label();
    private final ListView<String> pending = new ListView<>();
    private final Consumer<Path> saved;

    public EditView(EditViewModel model, Consumer<Path> saved) {
        this.model = model;
        this.saved = saved;
        getStyleClass().add("edit-view");
        setPadding(new Insets(10));
        pending.setItems(model.pending());
        pending.setPlaceholder(new Label("No pending edits: select a node and use the Edit menu."));
        pending.setId("edit-pending");
        verdict.setId("edit-verdict");
        verdict.setWrapText(true);
        verdict.setStyle("-fx-font-weight: bold;");
        message.setId("edit-message");
        message.setWrapText(true);
        Button undo = new Button("Undo");
        undo.setOnAction(e -> model.undo());
        undo.disableProperty().bind(model.canUndoProperty().not().or(model.busyProperty()));
        Button redo = new Button("Redo");
        redo.setOnAction(e -> model.redo());
        redo.disableProperty().bind(model.canRedoProperty().not().or(model.busyProperty()));
        Button saveAs = new Button("Save As…");
        saveAs.setOnAction(e -> chooseSaveAs());
        saveAs.disableProperty().bind(model.canUndoProperty().not().or(model.busyProperty()));
        Button saveEdits = new Button("Save Edits…");
        saveEdits.setOnAction(e -> chooseSaveScript());
        saveEdits.disableProperty().bind(model.canUndoProperty().not().or(model.busyProperty()));
        HBox buttons = new HBox(8, undo, redo, saveAs, saveEdits);
        Label title = new Label("Pending edits");
        title.setStyle("-fx-font-weight: bold;");
        setTop(title);
        setCenter(pending);
        BorderPane.setMargin(pending, new Insets(6, 0, 6, 0));
        setBottom(new VBox(8, verdict, message, buttons));
        model.validationProperty().addListener((obs, old, v) -> verdict.setText(verdictLine(v)));
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((obs, old, bad) -> message.setStyle(bad ? "-fx-text-fill: #d9534f;" : ""));
    }

    /** The verdict in a few words, then why. */
    static String verdictLine(EditValidation v) {
        if (v == null) {
            return "No edits yet.";
        }
        if (!v.problems().isEmpty()) {
            return "Invalid: " + v.problems().getFirst();
        }
        if (v.loadError() != null) {
            return "Invalid: ONNX Runtime refuses it: " + v.loadError();
        }
        return switch (v.verdict()) {
            case IDENTICAL -> "Identical to the original on " + v.inputs() + ".";
            case CHANGED_AS_INTENDED -> "Changed as intended (checked on " + v.inputs() + ").";
            case BROKEN -> "Broken: " + (v.firstDifferent() == null ? v.message()
                    : "the first tensor that differs is '" + v.firstDifferent() + "'.");
            case NOT_RUN -> "Loads in ONNX Runtime; not compared: " + v.message();
        };
    }

    private void chooseSaveAs() {
        Path original = model.sourceProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the Edited Model As");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        if (original != null && original.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(original.toAbsolutePath().getParent().toFile());
            String name = original.getFileName().toString().replaceFirst("\\.onnx$", "");
            chooser.setInitialFileName(name + ".edited.onnx");
        }
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        Path target = file.toPath();
        boolean overOriginal = original != null && target.toAbsolutePath().normalize()
                .equals(original.toAbsolutePath().normalize()) && Files.exists(target);
        boolean confirmed = false;
        if (overOriginal) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, target + " is the original model. Overwrite it with the "
                    + "edited model? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
            ask.setHeaderText("Overwrite the original model?");
            confirmed = ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        }
        model.saveAs(target, confirmed, saved);
    }

    private void chooseSaveScript() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Edits");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Edit scripts", "*.json"));
        chooser.setInitialFileName("edits.json");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.saveScript(file.toPath());
        }
    }
}
