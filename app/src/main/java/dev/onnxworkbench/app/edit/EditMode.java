package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/**
 * The Edit menu's edit-mode items and the panel they drive: edits on the selected node or the model go to
 * the {@link EditViewModel}; each edited model is shown on the graph through {@code showEdited}.
 */
public final class EditMode {
    /** What the main window lends edit mode. */
    public interface Host {
        /** The model on the graph (the original, or the latest edited draft). */
        Model model();

        /** The node selected on the graph, if any. */
        Optional<Node> selectedNode();

        /** Shows a model file on the graph (the edited draft) without touching the original. */
        void showEdited(Path draft);

        /** Shows edit mode's panel beside the graph. */
        void showPanel(javafx.scene.Node view);

        Window owner();
    }

    private final Host host;
    private final EditViewModel model;
    private final EditView view;

    public EditMode(Host host, EditViewModel model) {
        this.host = host;
        this.model = model;
        this.view = new EditView(model, saved -> { });
        model.draftProperty().addListener((obs, old, draft) -> {
            if (draft != null) {
                host.showEdited(draft);
            }
        });
    }

    public EditViewModel viewModel() {
        return model;
    }

    public EditView view() {
        return view;
    }

    /** The items for the window's Edit menu. */
    public List<MenuItem> menuItems(javafx.beans.value.ObservableBooleanValue noModel) {
        MenuItem delete = item("Delete Node", "Shortcut+BACK_SPACE", this::deleteSelected);
        MenuItem addOutput = item("Add Output at Tensor…", null, this::addOutput);
        MenuItem rename = item("Rename Input/Output…", null, this::rename);
        MenuItem shape = item("Set Input Shape…", null, this::setShape);
        MenuItem opset = item("Convert Opset…", null, this::convertOpset);
        MenuItem undo = item("Undo Edit", "Shortcut+Z", model::undo);
        MenuItem redo = item("Redo Edit", "Shortcut+Shift+Z", model::redo);
        MenuItem panel = item("Show Pending Edits", null, this::showPanel);
        List<MenuItem> items = new ArrayList<>(List.of(new SeparatorMenuItem(), delete, addOutput, rename, shape, opset,
                new SeparatorMenuItem(), undo, redo, panel));
        for (MenuItem i : List.of(delete, addOutput, rename, shape, opset, panel)) {
            i.disableProperty().bind(noModel);
        }
        undo.disableProperty().bind(model.canUndoProperty().not());
        redo.disableProperty().bind(model.canRedoProperty().not());
        return items;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Starts a session on the shown model the first time an edit is asked for, then applies it. */
    private void edit(Supplier<Optional<Edit>> ask) {
        Model current = host.model();
        if (current == null || current.path() == null) {
            return;
        }
        Optional<Edit> edit = ask.get();
        if (edit.isEmpty()) {
            return;
        }
        showPanel();
        if (!editing(current.path())) {
            model.start(current.path());
            model.busyProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (!now) {
                        o.removeListener(this);
                        model.apply(edit.get());
                    }
                }
            });
        } else {
            model.apply(edit.get());
        }
    }

    /** True when the shown model is the one being edited or one of its drafts. */
    private boolean editing(Path shown) {
        return shown.equals(model.sourceProperty().get()) || shown.equals(model.draftProperty().get());
    }

    private void deleteSelected() {
        edit(() -> host.selectedNode().<Edit>map(n -> new Edit.DeleteNode(nodeKey(n))).or(() -> {
            model.report("Select a node on the graph to delete it.");
            return Optional.empty();
        }));
    }

    private static String nodeKey(Node n) {
        return n.name().isEmpty() && !n.outputs().isEmpty() ? n.outputs().getFirst() : n.name();
    }

    private void addOutput() {
        String suggested = host.selectedNode().filter(n -> !n.outputs().isEmpty()).map(n -> n.outputs().getFirst()).orElse("");
        edit(() -> text("Add Output", "Make this tensor a model output:", suggested).<Edit>map(Edit.AddOutput::new));
    }

    private void rename() {
        Model m = host.model();
        List<String> names = new ArrayList<>();
        m.graph().inputs().stream().map(ValueInfo::name).forEach(names::add);
        m.graph().outputs().stream().map(ValueInfo::name).forEach(names::add);
        edit(() -> choose("Rename", "Rename this input or output:", names)
                .<Edit>flatMap(old -> text("Rename", "New name for '" + old + "':", old)
                        .filter(now -> !now.equals(old)).<Edit>map(now -> new Edit.Rename(old, now))));
    }

    private void setShape() {
        Model m = host.model();
        List<String> inputs = m.graph().inputs().stream().map(ValueInfo::name).toList();
        edit(() -> choose("Set Input Shape", "Input:", inputs)
                .<Edit>flatMap(input -> text("Set Input Shape", "Shape of '" + input + "' (numbers static, names dynamic, ? "
                        + "unknown), e.g. 1,3,224,224 or N,3,H,W:", "")
                        .<Edit>map(dims -> new Edit.SetInputShape(input, Arrays.stream(dims.split(","))
                                .map(String::strip).toList()))));
    }

    private void convertOpset() {
        Model m = host.model();
        String now = String.valueOf(m.opsetVersion(""));
        edit(() -> text("Convert Opset", "Convert the ai.onnx opset (now " + now + ") to:", now)
                .<Edit>flatMap(v -> {
                    if (!v.matches("\\d{1,3}")) {
                        model.report("The opset must be a number such as 17, not '" + v + "'.");
                        return Optional.empty();
                    }
                    return Optional.of(new Edit.ConvertOpset(Integer.parseInt(v)));
                }));
    }

    private Optional<String> text(String title, String prompt, String value) {
        TextInputDialog dialog = new TextInputDialog(value);
        dialog.initOwner(host.owner());
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(prompt);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    private Optional<String> choose(String title, String prompt, List<String> options) {
        if (options.isEmpty()) {
            return Optional.empty();
        }
        ChoiceDialog<String> dialog = new ChoiceDialog<>(options.getFirst(), options);
        dialog.initOwner(host.owner());
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(prompt);
        return dialog.showAndWait();
    }

    /** The pending-edits panel, beside the graph. */
    public void showPanel() {
        host.showPanel(view);
    }
}
