package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;

/** The "Model" sidebar tab: format, opsets, producer, metadata, inputs/outputs, counts. */
public final class ModelPropertiesPane extends ScrollPane {

    public ModelPropertiesPane() {
        PropertyGrid.scrolling(this);
        getStyleClass().add("properties-scroll");
        clear();
    }

    public void clear() {
        Label none = new Label("No model open. Use File ▸ Open… or drop an .onnx file on the window.");
        none.getStyleClass().add("placeholder-text");
        none.setWrapText(true);
        setContent(none);
    }

    public void showModel(Model model) {
        setContent(build(model));
    }

    /** Shows {@code model} with counts made off the FX thread (they walk every node and weight). */
    public void showModel(Model model, ModelSummary summary) {
        setContent(build(model, summary));
    }

    static PropertyGrid build(Model model) {
        return build(model, ModelSummary.of(model));
    }

    static PropertyGrid build(Model model, ModelSummary summary) {
        PropertyGrid grid = new PropertyGrid();
        grid.section("Model")
                .text("format", "ONNX v" + model.irVersion())
                .text("producer", (model.producerName() + " " + model.producerVersion()).trim())
                .text("domain", model.domain())
                .text("version", Long.toString(model.modelVersion()))
                .text("imports", model.opsetImports().stream()
                        .map(o -> o.domain() + " v" + o.version()).collect(Collectors.joining(", ")))
                .text("graph", model.graph().name())
                .text("description", model.docString().strip())
                .text("file", model.path() == null ? "" : model.path().toString())
                .text("file size", model.path() == null ? "" : HumanUnits.bytes(model.fileSizeBytes()));

        if (!model.metadata().isEmpty()) {
            grid.section("Metadata");
            model.metadata().forEach(grid::text);
        }

        Set<String> initializerNames = model.graph().initializers().stream().map(t -> t.name()).collect(Collectors.toSet());
        grid.section("Inputs");
        model.graph().inputs().stream().filter(v -> !initializerNames.contains(v.name()))
                .forEach(v -> grid.mono(v.name(), typeText(v)));
        grid.section("Outputs");
        model.graph().outputs().forEach(v -> grid.mono(v.name(), typeText(v)));

        grid.section("Counts")
                .mono("nodes", summary.nodeCount() == summary.totalNodeCount()
                        ? ModelSummary.grouped(summary.nodeCount())
                        : ModelSummary.grouped(summary.nodeCount()) + " (" + ModelSummary.grouped(summary.totalNodeCount())
                          + " with subgraphs)")
                .mono("parameters", ModelSummary.grouped(summary.parameterCount()))
                .mono("weights", HumanUnits.bytes(summary.weightBytes()))
                .mono("functions", model.functions().isEmpty() ? "" : Integer.toString(model.functions().size()));
        grid.section("Operators");
        // Count first: operator names are long (LayerNormalization) and read best in the wide column.
        summary.operators().forEach((op, count) -> grid.text(ModelSummary.grouped(count) + " ×", op));
        return grid;
    }

    private static String typeText(ValueInfo v) {
        String doc = v.docString() == null || v.docString().isBlank() ? "" : "\n" + v.docString().strip();
        return ValueTypeText.of(v.type()) + doc;
    }
}
