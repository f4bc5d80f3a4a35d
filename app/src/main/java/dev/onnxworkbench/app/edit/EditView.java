package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.models.edit.EditValidation;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Edit mode's panel: the pending edits, the latest check's verdict, Undo/Redo, Save As… and Save Edits…. */
public final class EditView extends BorderPane {
    private final EditViewModel model;
    private final Label verdict = new Label("No edits yet.");
    private final Label message = new Label();
    private final ListView<String> pending = new ListView<>();
    private static final javafx.css.PseudoClass REFUSED = javafx.css.PseudoClass.getPseudoClass("refused");
    private final EditLegend legend = new EditLegend();

    /** {@code saveModel} and {@code saveEdits} ask for a file and save (Save As…, Save Edits…). */
    public EditView(EditViewModel model, Consumer<Consumer<Path>> saveModel, Consumer<Consumer<Path>> saveEdits) {
        this.model = model;
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
        saveAs.setOnAction(e -> saveModel.accept(file -> { }));
        saveAs.disableProperty().bind(model.canUndoProperty().not().or(model.busyProperty()));
        Button saveEditsButton = new Button("Save Edits…");
        saveEditsButton.setOnAction(e -> saveEdits.accept(file -> { }));
        saveEditsButton.disableProperty().bind(model.canUndoProperty().not().or(model.busyProperty()));
        HBox buttons = new HBox(8, undo, redo, saveAs, saveEditsButton);
        Label title = new Label("Pending edits");
        title.setStyle("-fx-font-weight: bold;");
        setTop(title);
        setCenter(pending);
        BorderPane.setMargin(pending, new Insets(6, 0, 6, 0));
        setBottom(new VBox(8, verdict, message, legend, buttons));
        model.validationProperty().addListener((obs, old, v) -> verdict.setText(verdictLine(v)));
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((obs, old, bad) -> message.pseudoClassStateChanged(REFUSED, bad));
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

    /** The legend of the marks on the graph (shown once a draft is marked). */
    public EditLegend legend() {
        return legend;
    }
}
