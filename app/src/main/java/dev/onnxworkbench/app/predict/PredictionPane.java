package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.inputs.InputFiles;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.CheckBox;
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
 * outputs. A thin view over {@link PredictViewModel}, which holds the state and runs everything slow
 * (deriving the form, building tensors, random values, running, reading and writing files) in the background.
 */
public class PredictionPane extends BorderPane {

    private static final String PROVIDER_KEY = "predict.provider";

    private final TaskExecutor tasks;
    private final Preferences preferences;
    private final PredictionBackend backend;
    private final PredictViewModel model;

    private final Label modelLabel = new Label("No model open");
    private final Label modelDescription = new Label();
    private final ChoiceBox<String> provider = new ChoiceBox<>();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final TextField seed = new TextField("42");
    private final Button random = new Button("Random");
    private final Button export = new Button("Export…");
    private final Button testData = new Button("Test data…");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label status = new Label();
    private final VBox formHolder = new VBox();
    private final Label outputsTitle = new Label("OUTPUTS");
    private final OutputsView outputs;
    private InputForm form;

    /** The pane for the window's "Predict" tab: runs on the app's background threads, remembers inputs in its data folder. */
    public PredictionPane(AppServices services) {
        this(services.tasks(), services.dataDirectory(), services.preferences(), new RuntimeBackend(
                services::sessions,
                services.sessionConfig()::settingsFor));
    }

    PredictionPane(TaskExecutor tasks, Path dataDirectory, Preferences preferences, PredictionBackend backend) {
        this.tasks = tasks;
        this.preferences = preferences;
        this.backend = backend;
        this.model = new PredictViewModel(tasks, new InputMemory(dataDirectory), backend);
        this.outputs = new OutputsView(this::chooseLabels);
        getStyleClass().add("prediction-pane");
        getStylesheets().add(PredictionPane.class.getResource("predict.css").toExternalForm());
        setTop(header());
        setCenter(content());
        bind();
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
        busy.visibleProperty().bind(model.runningProperty());
        Label providerLabel = new Label("Provider");
        providerLabel.getStyleClass().add("field-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        cancel.setId("predict-cancel");
        cancel.setOnAction(e -> cancelRun());
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(model.runningProperty());
        HBox runBar = new HBox(8, providerLabel, provider, spacer, busy, cancel, run);
        runBar.getStyleClass().add("run-bar");

        seed.setPrefColumnCount(4);
        seed.setId("predict-seed");
        seed.setTooltip(new Tooltip("Seed for random values: the same seed gives the same values"));
        random.setOnAction(e -> fillRandomly());
        random.setId("predict-random");
        random.setTooltip(new Tooltip("Fill the inputs you left empty with random values drawn from the seed"));
        export.setOnAction(e -> exportJson());
        export.setTooltip(new Tooltip("Save the last run's inputs and outputs as JSON"));
        export.setId("predict-export");
        Label seedLabel = new Label("Seed");
        seedLabel.getStyleClass().add("field-name");
        testData.setOnAction(e -> chooseTestData());
        testData.setId("predict-test-data");
        testData.setTooltip(new Tooltip("Load a test_data_set_N folder: its inputs, and expected outputs to compare"));
        CheckBox allowNonFinite = new CheckBox("Allow NaN/±Inf");
        allowNonFinite.setId("predict-allow-non-finite");
        allowNonFinite.setTooltip(new Tooltip("Accept NaN, ±Inf and numbers beyond the type's range in typed values "
                + "(refused otherwise, as run --allow-non-finite and serve --allow-non-finite do)"));
        allowNonFinite.selectedProperty().bindBidirectional(model.allowNonFiniteProperty());
        FlowPane tools = new FlowPane(8, 6, seedLabel, seed, random, testData, export, allowNonFinite);
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

    /** Controls show the view-model's state. */
    private void bind() {
        status.textProperty().bind(model.statusProperty());
        model.statusIsErrorProperty().addListener((o, was, error) -> showError(error));
        model.modelProperty().addListener((o, old, m) -> showHeader(m));
        model.preparedProperty().addListener((o, old, prepared) -> {
            if (prepared == null) {
                showNothing(model.formMessageProperty().get());
            } else {
                buildForm(prepared);
            }
        });
        model.formMessageProperty().addListener((o, old, message) -> {
            if (model.preparedProperty().get() == null) {
                showNothing(message);
            }
        });
        model.outcomeProperty().addListener((o, old, now) -> showOutcome());
        model.labelsProperty().addListener((o, old, now) -> showOutcome());
        showNothing(model.formMessageProperty().get());
    }

    /** Builds the form for a model: specs and remembered inputs are worked out in the background. */
    public void showModel(Model newModel) {
        form = null;
        model.showModel(newModel);
    }

    private void showHeader(Model m) {
        Map<String, String> docs = new LinkedHashMap<>();
        m.graph().outputs().forEach(o -> docs.put(o.name(), o.docString() == null ? "" : o.docString()));
        outputs.setDescriptions(docs);
        modelLabel.setText(ModelNames.displayName(m));
        String description = m.docString().isBlank() ? m.metadata().getOrDefault("description", "") : m.docString();
        modelDescription.setText(description.strip());
        modelDescription.setTooltip(description.isBlank() ? null : new Tooltip(description.strip()));
    }

    private void buildForm(PredictViewModel.Prepared prepared) {
        form = new InputForm(prepared.specs(), tasks, this::chooseFileFor, prepared.model().graph());
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
        model.attach(form);
        formHolder.getChildren().setAll(form.view());
        if (prepared.specs().isEmpty()) {
            formHolder.getChildren().setAll(muted("This model takes no inputs; Run computes its outputs."));
        }
        var running = model.runningProperty();
        boolean noFile = prepared.model().path() == null;
        run.disableProperty().bind(form.validProperty().not().or(running).or(new SimpleBooleanProperty(noFile)));
        random.disableProperty().bind(running);
        testData.disableProperty().bind(running);
        export.disableProperty().bind(model.outcomeProperty().isNull().or(running));
    }

    private void showNothing(String message) {
        form = null;
        outputs.clear();
        formHolder.getChildren().setAll(muted(message));
        for (Button b : List.of(run, random, testData, export)) {
            b.disableProperty().unbind();
            b.setDisable(true);
        }
    }

    private void showOutcome() {
        PredictViewModel.Outcome done = model.outcomeProperty().get();
        if (done == null) {
            outputs.clear();
        } else {
            outputs.show(done.result().outputs(), model.labelsProperty().get(), done.comparisons(), done.summaries());
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        return l;
    }


    /** Runs the model on the form's values in the background and shows the outputs and latency. */
    void runPrediction() {
        if (form != null && !run.isDisabled()) {
            model.run(provider.getValue());
        }
    }

    /** Stops waiting for the current run: the form is usable again and its result, if it still comes, is dropped. */
    void cancelRun() {
        model.cancel();
    }

    /** Fills the inputs left empty with seeded random values (built in the background). */
    void fillRandomly() {
        model.fillRandomly(seed.getText());
    }

    /**
     * Hands the form's current values, built in the background, with where each comes from, to {@code receiver}
     * (Run ▸ Compare providers runs on them). Nothing happens while the form is not valid.
     */
    public void currentInputs(Consumer<InputSet> receiver) {
        model.currentInputs(receiver);
    }

    /** As {@link #currentInputs(Consumer)}, telling {@code refused} why when the form cannot give its inputs. */
    public void currentInputs(Consumer<InputSet> receiver, Consumer<String> refused) {
        model.currentInputs(receiver, refused);
    }

    /** File ▸ Save Input Set…: the form's inputs and their preprocessing as JSON, written in the background. */
    public void saveInputSet(Path file) {
        model.saveInputSet(file);
    }

    /** File ▸ Load Input Set…: a saved set read in the background and put into the form. */
    public void loadInputSet(Path file) {
        model.loadInputSet(file);
    }

    private void exportJson() {
        Model m = model.modelProperty().get();
        if (m == null || model.outcomeProperty().get() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export inputs and outputs");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("JSON", "*.json"));
        chooser.setInitialFileName(ModelNames.stem(m.path()) + "-prediction.json");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportTo(file.toPath());
        }
    }

    /** Writes the last run's inputs and outputs to {@code file} in the background. */
    void exportTo(Path file) {
        model.exportTo(file);
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
    void loadInputFile(String input, Path file) {
        model.loadInputFile(form.row(input).orElseThrow().spec, file);
    }

    private void chooseTestData() {
        Model m = model.modelProperty().get();
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose a test_data_set folder");
        if (m.path() != null && m.path().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(m.path().toAbsolutePath().getParent().toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            loadTestData(dir.toPath());
        }
    }

    /** Loads a test data set: its inputs into the form, its expected outputs compared with the next run's. */
    void loadTestData(Path directory) {
        model.loadTestData(directory);
    }

    private void showError(boolean error) {
        status.getStyleClass().remove("error");
        if (error) {
            status.getStyleClass().add("error");
        }
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

    /** Reads a labels file in the background and redraws the outputs with it. */
    void loadLabels(Path file) {
        model.loadLabels(file);
    }

    /** Closes the ONNX Runtime session the pane keeps open between runs (in the background). */
    public void dispose() {
        model.dispose();
    }

    /** The form's inputs as the tool windows take them: read now, built off the FX thread. */
    public FormInputs formInputs() {
        return new FormInputs() {
            @Override
            public java.util.concurrent.Callable<dev.onnxworkbench.models.runtime.inputs.InputSet> snapshot() {
                return model.inputSnapshot();
            }

            @Override
            public Map<String, dev.onnxworkbench.models.runtime.inputs.ImageSettings> imageSettings()
                    throws dev.onnxworkbench.models.runtime.inputs.InvalidInputException {
                return form == null ? Map.of() : form.imageSettings();
            }
        };
    }

    /** True while the pane waits for a run. */
    public ReadOnlyBooleanProperty runningProperty() {
        return model.runningProperty();
    }

    PredictViewModel viewModel() {
        return model;
    }

    InputForm form() {
        return form;
    }

    /** How many outputs are on screen. */
    int outputsShown() {
        return outputs.view().getChildren().size();
    }

    Button runButton() {
        return run;
    }

    Label statusLabel() {
        return status;
    }
}
