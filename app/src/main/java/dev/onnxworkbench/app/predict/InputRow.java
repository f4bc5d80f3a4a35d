package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One input in the form: its name and type, its editor, and its message. A value loaded from a file,
 * a test data set or a random fill replaces what the editor holds until the user clears it.
 */
final class InputRow {

    final InputSpec spec;
    final InputEditor editor;
    private final VBox view = new VBox(4);
    private final Label message = new Label();
    private final HBox loadedBar = new HBox(8);
    private final Label loadedLabel = new Label();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();
    private HostTensor loaded;
    private String loadedSource;
    private boolean showingLoaded;

    InputRow(InputSpec spec, InputEditor editor, Consumer<InputRow> loadFile) {
        this.spec = spec;
        this.editor = editor;
        Label name = new Label(spec.name());
        name.getStyleClass().add("input-name");
        Label type = new Label(spec.typeDescription());
        type.getStyleClass().add("input-type");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button load = new Button("Load…");
        load.getStyleClass().add("link-button");
        load.setId("load-" + spec.name());
        load.setTooltip(new Tooltip("Load values from a .npy, .pb, .json or .csv file"));
        load.setOnAction(e -> loadFile.accept(this));
        load.setMinWidth(Region.USE_PREF_SIZE);
        name.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(8, name, spacer, type, load);
        header.getStyleClass().add("input-header");
        if (!spec.docString().isBlank()) {
            Tooltip.install(name, new Tooltip(spec.docString()));
        }

        Button clear = new Button("Clear");
        clear.getStyleClass().add("link-button");
        clear.setOnAction(e -> clearLoaded());
        // In a narrow sidebar the description wraps; the actions and the name never shrink.
        clear.setMinWidth(Region.USE_PREF_SIZE);
        loadedLabel.getStyleClass().add("loaded-value");
        loadedLabel.setWrapText(true);
        HBox.setHgrow(loadedLabel, Priority.ALWAYS);
        loadedBar.getChildren().setAll(loadedLabel, clear);
        loadedBar.getStyleClass().add("loaded-bar");
        loadedBar.setVisible(false);
        loadedBar.managedProperty().bind(loadedBar.visibleProperty());

        message.getStyleClass().add("input-message");
        message.setWrapText(true);
        message.textProperty().bind(problem);
        message.visibleProperty().bind(problem.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.setId("message-" + spec.name());

        view.getChildren().setAll(header, editor.view(), loadedBar, message);
        view.getStyleClass().add("input-row");
        editor.changes().addListener(o -> {
            // Editing after a load means the user wants what they typed, not the file's values.
            if (loaded != null && !showingLoaded) {
                clearLoaded();
            }
            revision.set(revision.get() + 1);
        });
    }

    VBox view() {
        return view;
    }

    /** Bumps whenever the row's value may have changed. */
    SimpleIntegerProperty revision() {
        return revision;
    }

    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Re-checks the row for these sizes and shows the result under it. */
    boolean validate(Map<String, Long> sizes) {
        String p = loaded != null ? loadedProblem(sizes) : editor.problem(sizes);
        problem.set(p == null ? "" : p);
        view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), p != null);
        return p == null;
    }

    void clearProblem() {
        problem.set("");
        view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), false);
    }

    private String loadedProblem(Map<String, Long> sizes) {
        if (!spec.isTensor()) {
            return null;
        }
        if (loaded.elementType() != spec.elementType()) {
            return spec.name() + " takes " + spec.elementType().displayName() + " values, the loaded ones are "
                    + loaded.elementType().displayName() + ".";
        }
        if (spec.shape().rankKnown() && !Arrays.equals(loaded.shape(), spec.concreteShape(sizes))) {
            return spec.name() + " needs shape " + Arrays.toString(spec.concreteShape(sizes))
                    + ", the loaded value has " + Arrays.toString(loaded.shape()) + ".";
        }
        return null;
    }

    /** Sizes a loaded value implies for this input's symbolic dimensions (its shape where the spec is open). */
    Map<String, Long> sizesImpliedBy(HostTensor value) {
        java.util.Map<String, Long> implied = new java.util.LinkedHashMap<>();
        if (!spec.shape().rankKnown() || value.shape().length != spec.shape().rank()) {
            return implied;
        }
        for (int axis = 0; axis < value.shape().length; axis++) {
            if (!(spec.shape().dims().get(axis) instanceof Dimension.Fixed)) {
                implied.put(spec.sizeParameter(axis), value.shape()[axis]);
            }
        }
        return implied;
    }

    /** Uses a value from elsewhere (file, test data, random) instead of the editor's, saying where it came from. */
    void setLoaded(HostTensor value, String source) {
        loaded = value;
        loadedSource = source;
        showingLoaded = true;
        try {
            editor.show(value);
        } finally {
            showingLoaded = false;
        }
        loadedLabel.setText(source + " · " + value.describe());
        loadedBar.setVisible(true);
        revision.set(revision.get() + 1);
    }

    void clearLoaded() {
        loaded = null;
        loadedBar.setVisible(false);
        revision.set(revision.get() + 1);
    }

    /** Nothing loaded and nothing entered. */
    boolean isEmpty() {
        return loaded == null && editor.isEmpty();
    }

    /** Where the value comes from: the loaded file, test data or random seed, else the editor's source. */
    String source() {
        if (loaded == null) {
            return editor.source();
        }
        return loadedSource.startsWith("random") ? loadedSource : "from " + loadedSource;
    }

    /** The editor's recipe (a picture or recording with its settings) when its value is the one used; else null. */
    dev.onnxworkbench.models.runtime.inputs.InputRecipe recipe() {
        return loaded == null ? editor.recipe() : null;
    }

    boolean hasLoaded() {
        return loaded != null;
    }

    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        HostTensor value = loaded;
        return value != null ? () -> value : editor.snapshot(sizes);
    }

    /**
     * Where this input's values come from, for the form's {@link InputSource}s: a loaded value as it is, typed
     * text as typed (the set parses it), an editor's tensor built off the FX thread.
     */
    Callable<InputSource> inputSource(Map<String, Long> sizes) {
        String description = source();
        String typed = loaded == null ? editor.typed(sizes) : null;
        if (typed != null) {
            return () -> new InputSource.Typed(typed);
        }
        Callable<HostTensor> tensor = snapshot(sizes);
        // a picture or recording keeps its file and settings, so a saved input set can make it again
        dev.onnxworkbench.models.runtime.inputs.InputRecipe recipe = recipe();
        return () -> new InputSource.Values(tensor.call(), description, recipe);
    }
}
