package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/**
 * Edit mode: the Edit menu's items, the graph's context menu ({@link EditContextMenu}), the property panel's
 * in-place values and the keys all turn into the same typed {@link Edit}s the CLI makes, applied by the
 * {@link EditViewModel}; each edited model is shown on the graph through {@code showEdited}. Pending edits are
 * never dropped silently: {@link #beforeLeaving} asks first.
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
    private EditPrompts prompts;
    private final EditContextMenu contextMenu = new EditContextMenu(this);

    public EditMode(Host host, EditViewModel model) {
        this.host = host;
        this.model = model;
        this.prompts = new DialogPrompts(host::owner);
        this.view = new EditView(model, this::saveModelAs, this::saveEdits);
        model.draftProperty().addListener((obs, old, draft) -> {
            if (draft != null) {
                host.showEdited(draft);
            }
        });
    }

    /** Answers edit mode's questions another way (tests type the answers a user would). */
    public void usePrompts(EditPrompts answers) {
        this.prompts = answers;
    }

    public EditViewModel viewModel() {
        return model;
    }

    public EditView view() {
        return view;
    }

    /** The graph's context-menu items for edit mode. */
    public EditContextMenu contextMenu() {
        return contextMenu;
    }

    /** The Node tab's in-place values: editable while the shown model is being edited. */
    public dev.onnxworkbench.app.properties.PropertyEdits propertyEdits() {
        return new dev.onnxworkbench.app.properties.PropertyEdits() {
            @Override
            public boolean editable() {
                return isEditing();
            }

            @Override
            public void setAttribute(Node node, String attribute, String value, Consumer<String> refused) {
                apply(new Edit.SetAttribute(nodeKey(node), attribute, value), refused);
            }

            @Override
            public void rename(String tensor, String newName, Consumer<String> refused) {
                apply(new Edit.Rename(tensor, newName), refused);
            }

            @Override
            public void setDimension(String input, int axis, String dim, Consumer<String> refused) {
                apply(new Edit.SetDimension(input, axis, dim), refused);
            }
        };
    }

    /** The items for the window's Edit menu. */
    public List<MenuItem> menuItems(javafx.beans.value.ObservableBooleanValue noModel) {
        MenuItem start = item("Start Editing", "Shortcut+E", this::startEditing);
        MenuItem delete = item("Delete Node", "Shortcut+BACK_SPACE", this::deleteSelected);
        MenuItem addOutput = item("Add Output at Tensor…", null, this::addOutput);
        MenuItem rename = item("Rename Input/Output…", null, this::rename);
        MenuItem shape = item("Set Input Shape…", null, this::setShape);
        MenuItem opset = item("Convert Opset…", null, this::convertOpset);
        MenuItem undo = item("Undo Edit", "Shortcut+Z", model::undo);
        MenuItem redo = item("Redo Edit", "Shortcut+Shift+Z", model::redo);
        MenuItem panel = item("Show Pending Edits", null, this::showPanel);
        List<MenuItem> items = new ArrayList<>(List.of(new SeparatorMenuItem(), start, delete, addOutput, rename, shape,
                opset, new SeparatorMenuItem(), undo, redo, panel));
        for (MenuItem i : List.of(start, delete, addOutput, rename, shape, opset, panel)) {
            i.disableProperty().bind(noModel);
        }
        undo.disableProperty().bind(model.canUndoProperty().not());
        redo.disableProperty().bind(model.canRedoProperty().not());
        return items;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Edit ▸ Start Editing: the shown model's values become editable in place, the Edit tab comes up. */
    public void startEditing() {
        Model current = host.model();
        if (current == null || current.path() == null) {
            return;
        }
        showPanel();
        if (!isEditing()) {
            model.start(current.path());
        }
    }

    /** True while the model on the graph is the one being edited (or its latest draft). */
    public boolean isEditing() {
        Model current = host.model();
        return current != null && current.path() != null && editing(current.path());
    }

    /** Starts a session on the shown model the first time an edit is asked for, then applies it. */
    void edit(Supplier<Optional<Edit>> ask) {
        edit(ask, refusal -> { });
    }

    /** Like {@link #edit(Supplier)}; {@code refused} hears why an edit was refused (an in-place field shows it). */
    void edit(Supplier<Optional<Edit>> ask, Consumer<String> refused) {
        Model current = host.model();
        if (current == null || current.path() == null) {
            return;
        }
        Optional<Edit> edit = ask.get();
        if (edit.isEmpty()) {
            return;
        }
        apply(current.path(), edit.get(), refused);
    }

    /**
     * Applies a ready edit made in place (the Node tab's fields) to the shown model; the tab the user typed in
     * stays in front.
     */
    public void apply(Edit edit, Consumer<String> refused) {
        Model current = host.model();
        if (current != null && current.path() != null) {
            apply(current.path(), edit, refused, false);
        }
    }

    private void apply(Path shown, Edit edit, Consumer<String> refused) {
        apply(shown, edit, refused, true);
    }

    private void apply(Path shown, Edit edit, Consumer<String> refused, boolean panel) {
        if (panel) {
            showPanel();
        }
        if (!editing(shown)) {
            model.start(shown);
            model.busyProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (!now) {
                        o.removeListener(this);
                        model.apply(edit, refused);
                    }
                }
            });
        } else {
            model.apply(edit, refused);
        }
    }

    /** True when the shown model is the one being edited or one of its drafts. */
    private boolean editing(Path shown) {
        return shown.equals(model.sourceProperty().get()) || shown.equals(model.draftProperty().get());
    }

    /** The key an edit names a node by: its name, or its first output for a node without one. */
    public static String nodeKey(Node n) {
        return n.name().isEmpty() && !n.outputs().isEmpty() ? n.outputs().getFirst() : n.name();
    }

    private void deleteSelected() {
        edit(() -> host.selectedNode().<Edit>map(n -> new Edit.DeleteNode(nodeKey(n))).or(() -> {
            model.report("Select a node on the graph to delete it.");
            return Optional.empty();
        }));
    }

    /** Delete (on the graph) or the context menu: deletes this node and what only it used. */
    public void deleteNode(Node node) {
        edit(() -> Optional.of(new Edit.DeleteNode(nodeKey(node))));
    }

    private void addOutput() {
        String suggested = host.selectedNode().filter(n -> !n.outputs().isEmpty()).map(n -> n.outputs().getFirst()).orElse("");
        edit(() -> prompts.text("Add Output", "Make this tensor a model output:", suggested).<Edit>map(Edit.AddOutput::new));
    }

    /** Makes a tensor a model output. */
    public void addOutput(String tensor) {
        edit(() -> Optional.of(new Edit.AddOutput(tensor)));
    }

    /** Stops exporting a tensor as a model output. */
    public void removeOutput(String tensor) {
        edit(() -> Optional.of(new Edit.RemoveOutput(tensor)));
    }

    private void rename() {
        Model m = host.model();
        List<String> names = new ArrayList<>();
        m.graph().inputs().stream().map(ValueInfo::name).forEach(names::add);
        m.graph().outputs().stream().map(ValueInfo::name).forEach(names::add);
        edit(() -> prompts.choose("Rename", "Rename this input or output:", names).flatMap(this::askNewName));
    }

    /** F2 or the context menu: asks for a new name for a tensor (an input, an output or an intermediate one). */
    public void rename(String tensor) {
        edit(() -> askNewName(tensor));
    }

    private Optional<Edit> askNewName(String old) {
        return prompts.text("Rename", "New name for '" + old + "':", old).filter(now -> !now.equals(old))
                .map(now -> new Edit.Rename(old, now));
    }

    private void setShape() {
        Model m = host.model();
        List<String> inputs = m.graph().inputs().stream().map(ValueInfo::name).toList();
        edit(() -> prompts.choose("Set Input Shape", "Input:", inputs).flatMap(this::askShape));
    }

    /** The context menu on an input: asks for its whole shape. */
    public void setShape(ValueInfo input) {
        edit(() -> askShape(input.name()));
    }

    private Optional<Edit> askShape(String input) {
        return prompts.text("Set Input Shape", "Shape of '" + input + "' (numbers static, names dynamic, ? unknown), "
                        + "e.g. 1,3,224,224 or N,3,H,W:", "")
                .map(dims -> new Edit.SetInputShape(input, Arrays.stream(dims.split(",")).map(String::strip).toList()));
    }

    /** The context menu: asks for a new value of one attribute, written as on the command line. */
    public void setAttribute(Node node, String attribute, String now) {
        edit(() -> prompts.text("Set Attribute", node.opType() + " " + nodeKey(node) + "." + attribute
                + " (as on the command line: 3, 0.5, text, 1,2,3):", now)
                .map(v -> new Edit.SetAttribute(nodeKey(node), attribute, v)));
    }

    /** The context menu on a weight: replaces it with a .npy file of the same type and shape. */
    public void replaceWeight(String tensor) {
        edit(() -> prompts.openFile("Replace Weight '" + tensor + "'", "npy").map(f -> new Edit.ReplaceTensor(tensor, f)));
    }

    /** Keeps what computes the model's outputs from {@code tensors} (which become the inputs). */
    public void extractFrom(List<String> tensors) {
        edit(() -> Optional.of(new Edit.Extract(tensors, outputNames(host.model()))));
    }

    /** Keeps what computes {@code tensors} (which become the outputs) from the model's inputs. */
    public void extractTo(List<String> tensors) {
        edit(() -> Optional.of(new Edit.Extract(inputNames(host.model()), tensors)));
    }

    /** Asks for inputs and outputs as the CLI's --extract takes them (IN1,IN2:OUT1,OUT2), this tensor first. */
    public void extractBetween(String tensor) {
        String suggested = tensor + ":" + String.join(",", outputNames(host.model()));
        edit(() -> prompts.text("Extract", "Keep what computes the outputs from the inputs (IN1,IN2:OUT1,OUT2):",
                suggested).flatMap(text -> {
                    String[] io = text.split(":", -1);
                    if (io.length != 2 || list(io[0]).isEmpty() || list(io[1]).isEmpty()) {
                        model.report("Write the inputs and outputs as IN1,IN2:OUT1,OUT2, not '" + text + "'.");
                        return Optional.empty();
                    }
                    return Optional.of(new Edit.Extract(list(io[0]), list(io[1])));
                }));
    }

    private static List<String> list(String names) {
        return Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The model's inputs that are fed (not initializers with a default). */
    static List<String> inputNames(Model m) {
        Set<String> weights = new HashSet<>();
        m.graph().initializers().stream().map(Tensor::name).forEach(weights::add);
        return m.graph().inputs().stream().map(ValueInfo::name).filter(n -> !weights.contains(n)).toList();
    }

    static List<String> outputNames(Model m) {
        return m.graph().outputs().stream().map(ValueInfo::name).toList();
    }

    private void convertOpset() {
        Model m = host.model();
        String now = String.valueOf(m.opsetVersion(""));
        edit(() -> prompts.text("Convert Opset", "Convert the ai.onnx opset (now " + now + ") to:", now)
                .<Edit>flatMap(v -> {
                    if (!v.matches("\\d{1,3}")) {
                        model.report("The opset must be a number such as 17, not '" + v + "'.");
                        return Optional.empty();
                    }
                    return Optional.of(new Edit.ConvertOpset(Integer.parseInt(v)));
                }));
    }

    /** The pending-edits panel, beside the graph. */
    public void showPanel() {
        host.showPanel(view);
    }

    /** Save As… in the Edit tab: the edited model to a new file (the original only after a second, explicit yes). */
    void saveModelAs(Consumer<Path> saved) {
        Path original = model.sourceProperty().get();
        Path suggested = original == null ? null
                : original.resolveSibling(original.getFileName().toString().replaceFirst("\\.onnx$", "") + ".edited.onnx");
        prompts.saveFile("Save the Edited Model As", "onnx", suggested).ifPresent(target -> {
            boolean overOriginal = original != null && Files.exists(target)
                    && target.toAbsolutePath().normalize().equals(original.toAbsolutePath().normalize());
            model.saveAs(target, overOriginal && prompts.confirmOverwrite(target), saved);
        });
    }

    /** Save Edits… in the Edit tab: the pending edits as a script for {@code edit --script}. */
    void saveEdits(Consumer<Path> saved) {
        Path original = model.sourceProperty().get();
        Path suggested = original == null ? Path.of("edits.json") : original.resolveSibling("edits.json");
        prompts.saveFile("Save Edits", "json", suggested).ifPresent(target -> model.saveScript(target, saved));
    }

    /**
     * Before pending edits would be dropped ({@code leaving}: "Opening x.onnx", "Closing the window"): asks to save
     * the model, save the edits, or discard them, then runs {@code proceed}; Cancel (or a save that fails or is
     * cancelled) keeps everything as it is. Without unsaved edits it proceeds at once.
     */
    public void beforeLeaving(String leaving, Runnable proceed) {
        if (!model.unsavedProperty().get()) {
            proceed.run();
            return;
        }
        switch (prompts.unsaved(leaving, model.pending().size())) {
            case SAVE_MODEL -> saveModelAs(file -> proceed.run());
            case SAVE_EDITS -> saveEdits(file -> proceed.run());
            case DISCARD -> {
                model.discard();
                proceed.run();
            }
            case CANCEL -> { }
        }
    }
}
