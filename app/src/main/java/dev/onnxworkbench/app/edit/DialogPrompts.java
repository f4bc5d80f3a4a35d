package dev.onnxworkbench.app.edit;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Edit mode's questions as the window's dialogs and file choosers. */
public final class DialogPrompts implements EditPrompts {
    private static final ButtonType SAVE_MODEL = new ButtonType("Save As…", ButtonBar.ButtonData.YES);
    private static final ButtonType SAVE_EDITS = new ButtonType("Save Edits…", ButtonBar.ButtonData.OTHER);
    private static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private final Supplier<Window> owner;

    public DialogPrompts(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<String> text(String title, String prompt, String value) {
        TextInputDialog dialog = new TextInputDialog(value);
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(prompt);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public Optional<String> choose(String title, String prompt, List<String> options) {
        if (options.isEmpty()) {
            return Optional.empty();
        }
        ChoiceDialog<String> dialog = new ChoiceDialog<>(options.getFirst(), options);
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(prompt);
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> openFile(String title, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("." + extension + " files", "*." + extension));
        File file = chooser.showOpenDialog(owner.get());
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Path> saveFile(String title, String extension, Path suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("." + extension + " files", "*." + extension));
        if (suggested != null) {
            Path folder = suggested.toAbsolutePath().getParent();
            if (folder != null && folder.toFile().isDirectory()) {
                chooser.setInitialDirectory(folder.toFile());
            }
            chooser.setInitialFileName(suggested.getFileName().toString());
        }
        File file = chooser.showSaveDialog(owner.get());
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public boolean confirmOverwrite(Path original) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, original + " is the original model. Overwrite it with the "
                + "edited model? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
        ask.initOwner(owner.get());
        ask.setHeaderText("Overwrite the original model?");
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    @Override
    public Unsaved unsaved(String leaving, int pending) {
        Alert ask = new Alert(Alert.AlertType.WARNING, (pending == 1 ? "1 edit is" : pending + " edits are")
                + " not saved. " + leaving + " drops them unless you save the edited model (Save As…) or the edits "
                + "themselves (Save Edits…, replayed by onnx-workbench edit --script).",
                SAVE_MODEL, SAVE_EDITS, DISCARD, ButtonType.CANCEL);
        ask.initOwner(owner.get());
        ask.setHeaderText("Save the pending edits?");
        Map<ButtonType, Unsaved> answers = Map.of(SAVE_MODEL, Unsaved.SAVE_MODEL, SAVE_EDITS, Unsaved.SAVE_EDITS,
                DISCARD, Unsaved.DISCARD);
        return ask.showAndWait().map(b -> answers.getOrDefault(b, Unsaved.CANCEL)).orElse(Unsaved.CANCEL);
    }
}
