package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diverge.DivergenceOptions;
import dev.onnxworkbench.models.diverge.Metric;
import dev.onnxworkbench.models.diverge.RunSpec;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.memory.MemoryBudget;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.Tolerance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The settings of a divergence search: run A (the current model, a provider and options), run B (the reference:
 * the same or another model, a provider and options), the inputs (random from a seed, with shapes for free
 * dimensions) and the tolerances. {@link #request} checks and converts them; it does no I/O beyond a file check.
 */
public final class DivergenceForm extends GridPane {
    /** One search, ready to run. */
    public record Request(RunSpec runA, RunSpec runB, InputSet inputs, DivergenceOptions options) {}

    private final ComboBox<ExecutionProvider> providerA = providers();
    private final TextField optionsA = field("graph_optimization_level=disable, …", 260);
    private final TextField referenceModel = field("the same model", 260);
    private final Button chooseReference = new Button("Choose…");
    private final ComboBox<ExecutionProvider> providerB = providers();
    private final TextField optionsB = field("graph_optimization_level=all, …", 260);
    private final TextField seed = field("seed", 60);
    private final TextField shapes = field("x=1,3,640,640  batch=1", 220);
    private final TextField rtol = field("1e-5", 70);
    private final TextField atol = field("1e-5", 70);
    private final ComboBox<Metric> metric = new ComboBox<>(FXCollections.observableArrayList(Metric.values()));
    private final CheckBox bisect = new CheckBox("Bisect (mark few tensors per run)");
    /** Activations both runs keep at once when marking all; the search pages into batches that fit. */
    private final TextField memoryBudget = field("1 GB", 70);
    /** Runs on the Predict form's inputs instead of random ones, when the window handed them over. */
    private final CheckBox predictInputs = new CheckBox("Predict's inputs");
    private Model predictModel;
    private InputSet predictSet;

    public DivergenceForm() {
        getStyleClass().add("divergence-form");
        setHgap(8);
        setVgap(6);
        seed.setText("1");
        rtol.setText("1e-5");
        atol.setText("1e-5");
        memoryBudget.setText(MemoryBudget.DEFAULT.describe());
        memoryBudget.setId("divergence-memory-budget");
        memoryBudget.setTooltip(new javafx.scene.control.Tooltip("Activations kept at once at most (e.g. 1 GB, 512 MB);"
                + " marking all tensors runs in batches that fit"));
        metric.getSelectionModel().select(Metric.ELEMENTWISE);
        metric.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : m.jsonName();
            }

            @Override
            public Metric fromString(String text) {
                return Metric.parse(text).orElse(Metric.ELEMENTWISE);
            }
        });
        referenceModel.setId("divergence-reference-model");
        // A path set by Choose… or Compare With Model… shows its file name, not the start of its folder.
        referenceModel.textProperty().addListener((obs, was, now) -> {
            if (!referenceModel.isFocused()) {
                referenceModel.end();
            }
        });
        optionsA.setId("divergence-options-a");
        optionsB.setId("divergence-options-b");
        shapes.setId("divergence-shapes");
        Label runA = new Label("Run A");
        Label runB = new Label("Run B (reference)");
        Label inputsLabel = new Label("Inputs");
        Label tolerancesLabel = new Label("Tolerances");
        for (Label l : new Label[] {runA, runB, inputsLabel, tolerancesLabel}) {
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        addRow(0, runA, providerA, optionsA, new Label(""));
        HBox reference = new HBox(6, referenceModel, chooseReference);
        HBox.setHgrow(referenceModel, Priority.ALWAYS);
        addRow(1, runB, providerB, optionsB, reference);
        HBox tolerances = new HBox(6, new Label("rtol"), rtol, new Label("atol"), atol, metric, new Label("memory"),
                memoryBudget, bisect);
        bisect.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        metric.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        tolerances.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        predictInputs.setId("divergence-predict-inputs");
        predictInputs.setVisible(false);
        predictInputs.managedProperty().bind(predictInputs.visibleProperty());
        seed.disableProperty().bind(predictInputs.selectedProperty());
        shapes.disableProperty().bind(predictInputs.selectedProperty());
        Label seedLabel = new Label("random seed");
        Label shapesLabel = new Label("shapes");
        // Labels keep their text; the shapes field gives up width (the row was cut to "random…", "sh…").
        for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {predictInputs, seedLabel, shapesLabel, seed}) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        shapes.setMinWidth(80);
        HBox.setHgrow(shapes, Priority.ALWAYS);
        HBox inputs = new HBox(6, predictInputs, seedLabel, seed, shapesLabel, shapes);
        inputs.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        addRow(2, inputsLabel, inputs);
        setColumnSpan(inputs, 3);
        // Tolerances on a row of their own: beside the inputs they were cut at 1024 px.
        addRow(3, tolerancesLabel, tolerances);
        setColumnSpan(tolerances, 3);
    }

    private static ComboBox<ExecutionProvider> providers() {
        ComboBox<ExecutionProvider> box = new ComboBox<>(FXCollections.observableArrayList(ExecutionProvider.values()));
        box.getSelectionModel().select(ExecutionProvider.CPU);
        return box;
    }

    private static TextField field(String prompt, double width) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        return f;
    }

    public ComboBox<ExecutionProvider> providerA() {
        return providerA;
    }

    public ComboBox<ExecutionProvider> providerB() {
        return providerB;
    }

    public TextField optionsA() {
        return optionsA;
    }

    public TextField optionsB() {
        return optionsB;
    }

    public TextField referenceModel() {
        return referenceModel;
    }

    public TextField shapes() {
        return shapes;
    }

    public TextField memoryBudget() {
        return memoryBudget;
    }

    public CheckBox bisect() {
        return bisect;
    }

    Button chooseReference() {
        return chooseReference;
    }

    public CheckBox predictInputs() {
        return predictInputs;
    }

    /**
     * Offers the Predict form's input set for {@code model} (values and shapes the user chose, e.g. sr = 16000 for
     * silero VAD, which random values would send down the other If branch) and selects it.
     */
    public void usePredictInputs(Model model, InputSet set) {
        predictModel = model;
        predictSet = set;
        predictInputs.setVisible(true);
        predictInputs.setSelected(true);
        predictInputs.setTooltip(new javafx.scene.control.Tooltip(set.summary()));
    }

    /** The Predict form's input set in one line, or "" when none was handed over. */
    String predictSummary() {
        return predictSet == null ? "" : predictSet.summary();
    }

    /** Fills the shapes field with the model's free dimensions, so the user sees what needs a size. */
    void showModel(Model model) {
        if (model != predictModel) {
            predictInputs.setSelected(false);
            predictInputs.setVisible(false);
        }
        StringBuilder hint = new StringBuilder();
        for (InputSpec spec : dev.onnxworkbench.models.runtime.inputs.InputSpecs.derive(model)) {
            for (String p : spec.sizeParameters()) {
                hint.append(hint.isEmpty() ? "" : "  ").append(p).append("=1");
            }
        }
        shapes.setPromptText(hint.isEmpty() ? "(all input shapes are fixed)" : hint.toString());
    }

    /** The search these settings describe, or a message naming the setting that is wrong. */
    public Request request(Model model) throws WorkbenchException {
        Path reference = referenceModel.getText().isBlank() ? model.path() : Path.of(referenceModel.getText().strip());
        if (!Files.isRegularFile(reference)) {
            throw new WorkbenchException("Run B's model " + reference + " does not exist.");
        }
        RunSpec a = new RunSpec(model.path(), settings(providerA.getValue(), optionsA.getText(), "Run A"));
        RunSpec b = new RunSpec(reference, settings(providerB.getValue(), optionsB.getText(), "Run B"));
        DivergenceOptions options = new DivergenceOptions(new Tolerance(number(rtol, "rtol"), number(atol, "atol")),
                metric.getValue(), Map.of(), bisect.isSelected(), 0, MemoryBudget.parse(memoryBudget.getText()));
        return new Request(a, b, inputs(model), options);
    }

    private InputSet inputs(Model model) throws WorkbenchException {
        if (predictInputs.isSelected() && model == predictModel) {
            return predictSet;
        }
        InputSetBuilder builder = InputSet.builder(model);
        var names = dev.onnxworkbench.models.runtime.inputs.InputSpecs.derive(model).stream().map(InputSpec::name)
                .toList();
        for (String token : shapes.getText().trim().split("[\\s;]+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new WorkbenchException("Write shapes as INPUT=D0,D1,… and sizes as NAME=SIZE, not '" + token + "'.");
            }
            String name = token.substring(0, eq);
            long[] sizes;
            try {
                sizes = java.util.Arrays.stream(token.substring(eq + 1).split(",")).mapToLong(s -> Long.parseLong(s.strip()))
                        .toArray();
            } catch (NumberFormatException e) {
                throw new WorkbenchException("'" + token + "' needs whole numbers after '='.");
            }
            if (names.contains(name)) {
                builder.shape(name, sizes);
            } else {
                builder.dim(name, sizes[0]);
            }
        }
        try {
            builder.randomFill(Long.parseLong(seed.getText().strip()));
        } catch (NumberFormatException e) {
            throw new WorkbenchException("The random seed must be a whole number, not '" + seed.getText() + "'.");
        }
        return builder.build();
    }

    private static ProviderSettings settings(ExecutionProvider provider, String text, String run)
            throws WorkbenchException {
        Map<String, String> options = new TreeMap<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new WorkbenchException(run + ": write options as KEY=VALUE, not '" + part + "'.");
            }
            options.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new ProviderSettings(provider, options).validated();
    }

    private static double number(TextField field, String name) throws WorkbenchException {
        try {
            double v = Double.parseDouble(field.getText().strip());
            if (!(v >= 0)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new WorkbenchException(name + " must be a number of 0 or more, not '" + field.getText() + "'.");
        }
    }
}
