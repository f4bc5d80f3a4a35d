package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputFiles;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.TestDataInputs;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.tensor.ValueComparator;
import dev.onnxworkbench.models.runtime.inputs.NameList;
import dev.onnxworkbench.models.runtime.inputs.RandomInputs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The "Predict" sidebar: a form built from the model's inputs, a provider choice and Run, then the
 * outputs. Everything slow (deriving the form, building tensors, running, reading and writing files)
 * happens on the background executor; the FX thread only shows results.
 */
public class PredictionPane extends BorderPane {

    private static final String PROVIDER_KEY = "predict.provider";

    private final ExecutorService background;
    private final Preferences preferences;
    private final InputMemory memory;
    private final PredictionBackend backend;

    private final Label modelLabel = new Label("No model open");
    private final Label modelDescription = new Label();
    private final ChoiceBox<String> provider = new ChoiceBox<>();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private Task<?> currentRun;
    private final TextField seed = new TextField("42");
    private final Button random = new Button("Random");
    private final Button export = new Button("Export…");
    private final Button testData = new Button("Test data…");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label status = new Label();
    private final VBox formHolder = new VBox();
    private final Label outputsTitle = new Label("OUTPUTS");
    private final OutputsView outputs;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");

    private Model model;
    private InputForm form;
    private List<String> labels = List.of();
    private Map<String, dev.onnxworkbench.models.tensor.OutputValue> expected = Map.of();
    private Map<String, Comparison> comparisons = Map.of();
    private Map<String, TensorSummary> summaries = Map.of();
    private Map<String, HostTensor> lastInputs;
    private PredictionBackend.RunResult lastResult;
    private long generation;

    /** The pane for the window's "Predict" tab: runs on the app's background threads, remembers inputs in its data folder. */
    public PredictionPane(AppServices services) {
        this(services.background(), services.dataDirectory(), services.preferences(), new RuntimeBackend(
                () -> new SessionFactory(new NativeLibraries(services.dataDirectory().resolve("native")))));
    }

    PredictionPane(ExecutorService background, Path dataDirectory, Preferences preferences, PredictionBackend backend) {
        this.background = background;
        this.preferences = preferences;
        this.memory = new InputMemory(dataDirectory);
        this.backend = backend;
        this.outputs = new OutputsView(this::chooseLabels);
        getStyleClass().add("prediction-pane");
        getStylesheets().add(PredictionPane.class.getResource("predict.css").toExternalForm());
        setTop(header());
        setCenter(content());
        showNothing("Open a model to get its input form.");
    }

    private VBox header() {
        Label title = new Label("Predict");
        title.getStyleClass().add("heading");
        modelLabel.getStyleClass().add("muted");
        modelLabel.setId("predict-model");

        provider.getItems().setAll(backend.providers());
        String savedProvider = preferences.get(PROVIDER_KEY, backend.providers().getFirst());
        provider.setValue(backend.providers().contains(savedProvider) ? savedProvider : backend.providers().getFirst());
        provider.valueProperty().addListener((o, a, b) -> preferences.put(PROVIDER_KEY, b));
        provider.setTooltip(new Tooltip("Execution provider for this run"));
        provider.setId("predict-provider");

        run.setId("predict-run");
        run.getStyleClass().add("run-button");
        run.setDefaultButton(true);
        run.setOnAction(e -> runPrediction());
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(running);
        Label providerLabel = new Label("Provider");
        providerLabel.getStyleClass().add("field-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        cancel.setId("predict-cancel");
        cancel.setOnAction(e -> cancelRun());
        cancel.visibleProperty().bind(running);
        cancel.managedProperty().bind(running);
        HBox runBar = new HBox(8, providerLabel, provider, spacer, busy, cancel, run);
        runBar.getStyleClass().add("run-bar");

        seed.setPrefColumnCount(4);
        seed.setId("predict-seed");
        seed.setTooltip(new Tooltip("Seed for random values: the same seed gives the same values"));
        random.setOnAction(e -> fillRandomly());
        random.setId("predict-random");
        random.setTooltip(new Tooltip("Fill every input with random values drawn from the seed"));
        export.setOnAction(e -> exportJson());
        export.setTooltip(new Tooltip("Save the last run's inputs and outputs as JSON"));
        export.setId("predict-export");
        Label seedLabel = new Label("Seed");
        seedLabel.getStyleClass().add("field-name");
        testData.setOnAction(e -> chooseTestData());
        testData.setId("predict-test-data");
        testData.setTooltip(new Tooltip("Load a test_data_set_N folder: its inputs, and expected outputs to compare"));
        FlowPane tools = new FlowPane(8, 6, seedLabel, seed, random, testData, export);
        tools.getStyleClass().add("tool-row");

        status.setId("predict-status");
        status.getStyleClass().add("status-line");
        status.setWrapText(true);
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        modelDescription.getStyleClass().addAll("muted", "model-description");
        modelDescription.setWrapText(true);
        modelDescription.setMaxHeight(40);
        modelDescription.visibleProperty().bind(modelDescription.textProperty().isNotEmpty());
        modelDescription.managedProperty().bind(modelDescription.visibleProperty());
        VBox header = new VBox(8, new VBox(2, title, modelLabel, modelDescription), runBar, tools, status);
        header.getStyleClass().add("predict-header");
        return header;
    }

    private ScrollPane content() {
        outputsTitle.getStyleClass().add("section-title");
        outputsTitle.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(outputs.view().getChildren()));
        outputsTitle.managedProperty().bind(outputsTitle.visibleProperty());
        Label inputsTitle = new Label("INPUTS");
        inputsTitle.getStyleClass().add("section-title");
        VBox body = new VBox(8, inputsTitle, formHolder, outputsTitle, outputs.view());
        body.getStyleClass().add("predict-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("predict-scroll");
        return scroll;
    }

    /** Builds the form for a model: specs and remembered inputs are worked out in the background. */
    public void showModel(Model newModel) {
        long current = ++generation;
        model = newModel;
        expected = Map.of();
        comparisons = Map.of();
        lastInputs = null;
        lastResult = null;
        outputs.clear();
        Map<String, String> docs = new LinkedHashMap<>();
        newModel.graph().outputs().forEach(o -> docs.put(o.name(), o.docString() == null ? "" : o.docString()));
        outputs.setDescriptions(docs);
        labels = NameList.parse(newModel.metadata().get("labels"));
        modelLabel.setText(displayName(newModel));
        String description = newModel.docString().isBlank() ? newModel.metadata().getOrDefault("description", "")
                : newModel.docString();
        modelDescription.setText(description.strip());
        modelDescription.setTooltip(description.isBlank() ? null : new Tooltip(description.strip()));
        showNothing("Reading the model's inputs…");
        Task<Prepared> task = new Task<>() {
            @Override
            protected Prepared call() {
                backend.close();
                List<InputSpec> specs = InputSpecs.derive(newModel);
                InputMemory.Saved saved = newModel.path() == null ? InputMemory.Saved.NONE : memory.load(newModel.path());
                return new Prepared(specs, saved);
            }
        };
        task.setOnSucceeded(e -> {
            if (current == generation) {
                buildForm(task.getValue());
            }
        });
        task.setOnFailed(e -> showNothing("Cannot build a form for this model: " + task.getException().getMessage()));
        background.execute(task);
    }

    private record Prepared(List<InputSpec> specs, InputMemory.Saved saved) {}

    private void buildForm(Prepared prepared) {
        form = new InputForm(prepared.specs(), background, this::chooseFileFor);
        prepared.saved().sizes().forEach((k, v) -> {
            try {
                form.setSize(k, Long.parseLong(v));
            } catch (NumberFormatException ignored) {
                // a remembered size that is not a number is skipped
            }
        });
        for (InputRow row : form.rows()) {
            row.editor.restore(prepared.saved().inputs().get(row.spec.name()));
        }
        form.validate();
        formHolder.getChildren().setAll(form.view());
        if (prepared.specs().isEmpty()) {
            formHolder.getChildren().setAll(muted("This model takes no inputs; Run computes its outputs."));
        }
        boolean noFile = model.path() == null;
        run.disableProperty().bind(form.validProperty().not().or(running).or(new SimpleBooleanProperty(noFile)));
        random.disableProperty().bind(running);
        testData.disableProperty().bind(running);
        export.setDisable(true);
        status.setText(model.path() == null ? "This model was not read from a file, so it cannot be run." : "");
    }

    private void showNothing(String message) {
        form = null;
        formHolder.getChildren().setAll(muted(message));
        run.disableProperty().unbind();
        run.setDisable(true);
        random.disableProperty().unbind();
        random.setDisable(true);
        testData.disableProperty().unbind();
        testData.setDisable(true);
        export.setDisable(true);
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        return l;
    }

    /**
     * The form's current values as an input set, built off the FX thread (an image or a large random
     * tensor takes time); fails with the form's own message when an input is missing or invalid.
     */
    public java.util.concurrent.CompletionStage<dev.onnxworkbench.models.runtime.inputs.InputSet> currentInputSet() {
        if (form == null || model == null) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("Open a model with inputs first."));
        }
        if (run.isDisabled()) {
            return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException(
                    "Fill in the Predict form first (sizes and values of every input), or press Random there."));
        }
        Map<String, Callable<HostTensor>> snapshot = form.snapshot();
        Model m = model;
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                var builder = dev.onnxworkbench.models.runtime.inputs.InputSet.builder(m);
                for (Map.Entry<String, Callable<HostTensor>> e : snapshot.entrySet()) {
                    builder.source(e.getKey(), new dev.onnxworkbench.models.runtime.inputs.InputSource.Values(
                            e.getValue().call(), "from the Predict form"));
                }
                return builder.build();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background);
    }

    /** Runs the model on the form's values in the background and shows the outputs and latency. */
    void runPrediction() {
        if (form == null || run.isDisabled()) {
            return;
        }
        Map<String, Callable<HostTensor>> snapshot = form.snapshot();
        InputMemory.Saved toRemember = new InputMemory.Saved(form.sizeTexts(), savedInputs());
        Path path = model.path();
        String chosenProvider = provider.getValue();
        Map<String, dev.onnxworkbench.models.tensor.OutputValue> expectedNow = expected;
        List<String> labelsNow = labels;
        long current = generation;
        Task<RunOutcome> task = new Task<>() {
            @Override
            protected RunOutcome call() throws Exception {
                Map<String, HostTensor> inputs = new LinkedHashMap<>();
                for (Map.Entry<String, Callable<HostTensor>> e : snapshot.entrySet()) {
                    inputs.put(e.getKey(), e.getValue().call());
                }
                PredictionBackend.RunResult result = backend.run(path, chosenProvider, inputs);
                Map<String, Comparison> compared = new LinkedHashMap<>();
                ValueComparator comparator = new ValueComparator(Tolerance.ONNX_BACKEND);
                expectedNow.forEach((name, value) -> {
                    if (result.values().containsKey(name)) {
                        compared.put(name, comparator.compare(name, value, result.values().get(name)));
                    }
                });
                try {
                    memory.save(path, toRemember);
                } catch (IOException e) {
                    // Not remembering inputs is no reason to hide a prediction.
                }
                return new RunOutcome(inputs, result, compared, OutputsView.summarize(result.outputs()));
            }
        };
        running.set(true);
        currentRun = task;
        setStatus("Running on " + chosenProvider + "…", false);
        task.setOnSucceeded(e -> {
            running.set(false);
            if (current != generation) {
                return;
            }
            RunOutcome outcome = task.getValue();
            lastInputs = outcome.inputs();
            lastResult = outcome.result();
            comparisons = outcome.comparisons();
            summaries = outcome.summaries();
            outputs.show(outcome.result().outputs(), labelsNow, comparisons, summaries);
            setStatus("Ran in " + NumberText.millis(outcome.result().latencyMs()) + " on " + outcome.result().provider(), false);
            export.setDisable(false);
        });
        task.setOnFailed(e -> {
            running.set(false);
            setStatus(messageOf(task.getException()), true);
        });
        task.setOnCancelled(e -> running.set(false));
        background.execute(task);
    }

    /**
     * Stops waiting for the current run: the form is usable again and its result, if it still comes, is
     * dropped. ONNX Runtime cannot be interrupted mid-run, so a next run starts once this one has finished.
     */
    void cancelRun() {
        if (currentRun != null && !currentRun.isDone()) {
            currentRun.cancel(false);
            setStatus("Cancelled. ONNX Runtime finishes the run it started in the background.", false);
        }
    }

    private record RunOutcome(Map<String, HostTensor> inputs, PredictionBackend.RunResult result,
                              Map<String, Comparison> comparisons, Map<String, TensorSummary> summaries) {}

    private Map<String, String> savedInputs() {
        Map<String, String> saved = new LinkedHashMap<>();
        for (InputRow row : form.rows()) {
            String value = row.editor.save();
            if (value != null) {
                saved.put(row.spec.name(), value);
            }
        }
        return saved;
    }

    /** Fills every input with seeded random values (categories from their lists). */
    void fillRandomly() {
        if (form == null) {
            return;
        }
        long seedValue;
        try {
            seedValue = Long.parseLong(seed.getText().strip());
            seed.getStyleClass().remove("invalid");
        } catch (NumberFormatException e) {
            seed.getStyleClass().add("invalid");
            setStatus("The seed must be a whole number.", true);
            return;
        }
        Map<String, Long> sizes = form.sizes();
        if (sizes == null) {
            return;
        }
        for (InputRow row : form.rows()) {
            if (!row.spec.isTensor() || !row.spec.shape().rankKnown()) {
                continue;
            }
            try {
                form.load(row, RandomInputs.fill(row.spec, row.spec.concreteShape(sizes), seedValue),
                        "random, seed " + seedValue);
            } catch (dev.onnxworkbench.models.runtime.inputs.InvalidInputException e) {
                setStatus(e.getMessage(), true);
            }
        }
    }

    private void exportJson() {
        if (lastResult == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export inputs and outputs");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("JSON", "*.json"));
        chooser.setInitialFileName(stem(model.path()) + "-prediction.json");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportTo(file.toPath());
        }
    }

    /** Writes the last run's inputs and outputs to {@code file} in the background. */
    Task<Void> exportTo(Path file) {
        Map<String, HostTensor> inputs = lastInputs;
        PredictionBackend.RunResult result = lastResult;
        Path modelPath = model.path();
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws IOException {
                PredictionExport.write(file, modelPath, inputs, result);
                return null;
            }
        };
        task.setOnSucceeded(e -> setStatus("Exported inputs and outputs to " + file.getFileName() + ".", false));
        task.setOnFailed(e -> setStatus("Cannot write " + file.getFileName() + ": " + task.getException().getMessage(), true));
        background.execute(task);
        return task;
    }

    private void chooseFileFor(InputRow row) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load values for " + row.spec.name());
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter("Tensor files (.npy, .pb, .json, .csv)",
                        InputFiles.EXTENSIONS.stream().map(e -> "*." + e).toList()),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            loadInputFile(row.spec.name(), file.toPath());
        }
    }

    /** Reads a file into one input in the background; what the row's Load… does after the dialog. */
    Task<HostTensor> loadInputFile(String input, Path file) {
        InputRow row = form.row(input).orElseThrow();
        InputForm target = form;
        Task<HostTensor> task = new Task<>() {
            @Override
            protected HostTensor call() throws Exception {
                return InputFiles.read(file, row.spec);
            }
        };
        task.setOnSucceeded(e -> {
            if (form == target) {
                target.load(row, task.getValue(), file.getFileName().toString());
                setStatus("Loaded " + input + " from " + file.getFileName() + ".", false);
            }
        });
        task.setOnFailed(e -> setStatus(messageOf(task.getException()), true));
        background.execute(task);
        return task;
    }

    private void chooseTestData() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose a test_data_set folder");
        if (model.path() != null && model.path().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(model.path().toAbsolutePath().getParent().toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            loadTestData(dir.toPath());
        }
    }

    /**
     * Loads a test data set folder in the background: its inputs go into the form, its expected outputs are
     * compared with the next run's (pass/fail and the largest errors on each output).
     */
    Task<TestDataInputs> loadTestData(Path directory) {
        InputForm target = form;
        Model current = model;
        Task<TestDataInputs> task = new Task<>() {
            @Override
            protected TestDataInputs call() throws Exception {
                return TestDataInputs.load(directory, current.graph());
            }
        };
        task.setOnSucceeded(e -> {
            if (form != target) {
                return;
            }
            TestDataInputs data = task.getValue();
            data.inputs().forEach((name, value) -> target.row(name).ifPresent(
                    row -> target.load(row, value, directory.getFileName().toString())));
            expected = data.expected();
            comparisons = Map.of();
            outputs.clear();
            String summary = "Loaded " + directory.getFileName() + ": " + count(data.inputs().size(), "input")
                    + ", " + count(data.expected().size(), "expected output") + "; Run compares them.";
            setStatus(data.skipped().isEmpty() ? summary : summary + " Skipped " + String.join(", ", data.skipped())
                    + ".", false);
        });
        task.setOnFailed(e -> setStatus(messageOf(task.getException()), true));
        background.execute(task);
        return task;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private void setStatus(String text, boolean error) {
        status.getStyleClass().remove("error");
        if (error) {
            status.getStyleClass().add("error");
        }
        status.setText(text);
    }

    private static String messageOf(Throwable error) {
        return error instanceof dev.onnxworkbench.models.WorkbenchException ? error.getMessage()
                : "Unexpected problem: " + error;
    }

    private void chooseLabels(OutputValue.TensorOutput output) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Labels for " + output.name());
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("Labels (one per line, or JSON)",
                "*.txt", "*.json", "*.csv", "*.names"), new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            loadLabels(file.toPath());
        }
    }

    /** Reads a labels file (one per line, a comma list or a JSON array) and redraws the outputs with it. */
    Task<List<String>> loadLabels(Path file) {
        Task<List<String>> task = new Task<>() {
            @Override
            protected List<String> call() throws IOException {
                return NameList.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
        };
        task.setOnSucceeded(e -> {
            labels = task.getValue();
            if (lastResult != null) {
                outputs.show(lastResult.outputs(), labels, comparisons, summaries);
            }
        });
        task.setOnFailed(e -> setStatus("Cannot read labels from " + file.getFileName() + ".", true));
        background.execute(task);
        return task;
    }

    /** The file name; with its folder when the name says nothing (the backend suite's model.onnx). */
    private static String displayName(Model m) {
        if (m.path() == null) {
            return m.graph().name();
        }
        Path name = m.path().getFileName();
        Path folder = m.path().toAbsolutePath().getParent();
        return name.toString().equals("model.onnx") && folder != null && folder.getFileName() != null
                ? folder.getFileName() + "/" + name : name.toString();
    }

    private static String stem(Path path) {
        String name = path == null ? "model" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Closes the ONNX Runtime session the pane keeps open between runs (in the background). Call when the
     * window closes; the pane can still be used afterwards (the next run opens a new session).
     */
    public void dispose() {
        background.execute(backend::close);
    }

    /** True while a run is in progress. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    InputForm form() {
        return form;
    }

    Button runButton() {
        return run;
    }

    Label statusLabel() {
        return status;
    }
}
