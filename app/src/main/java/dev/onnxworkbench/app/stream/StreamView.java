package dev.onnxworkbench.app.stream;

import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskHandle;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.AudioPreprocessor;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.Recording;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.runtime.stream.StreamPlan;
import dev.onnxworkbench.models.runtime.stream.StreamResult;
import dev.onnxworkbench.models.runtime.stream.StreamRow;
import dev.onnxworkbench.models.runtime.stream.StreamTable;
import dev.onnxworkbench.models.runtime.stream.StreamingRun;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Run ▸ Stream Recording…: a stateful model (a voice-activity detector, a streaming recogniser) run over a whole
 * WAV recording window by window, each state output fed back into its input ({@link StreamingRun}, what
 * {@code run --window --carry} does). Shows a timeline of one output over the waveform with a threshold the user
 * sets and the segments above it, the table of windows, and exports the table as CSV. All work goes through
 * app/task: decoding, the run (with progress and cancel) and the export.
 */
public final class StreamView extends VBox {
    private final TaskExecutor tasks;
    private final Supplier<SessionFactory> sessions;
    private final TaskSlot loading = new TaskSlot();
    private final TaskSlot running = new TaskSlot();
    private final Label modelLabel = new Label();
    private final Label recordingLabel = new Label("Choose a WAV recording.");
    private final ComboBox<String> input = new ComboBox<>();
    private final TextField window = new TextField("512");
    private final TextField hop = new TextField();
    private final TextField carry = new TextField();
    private final Button run = new Button("Run Over Recording");
    private final Button cancel = new Button("Cancel");
    private final Button export = new Button("Export CSV…");
    private final ProgressBar progress = new ProgressBar(0);
    private final ComboBox<String> output = new ComboBox<>();
    private final Slider threshold = new Slider(0, 1, 0.5);
    private final Label thresholdLabel = new Label();
    private final TimelineChart chart = new TimelineChart();
    private final Label segmentsLabel = new Label();
    private final TableView<StreamRow> table = new TableView<>();
    private final Label status = new Label();
    private Model model;
    private List<InputSpec> specs = List.of();
    private AudioPreprocessor.Signal signal;
    private StreamResult result;

    public StreamView(TaskExecutor tasks, Supplier<SessionFactory> sessions) {
        this.tasks = tasks;
        this.sessions = sessions;
        getStyleClass().add("stream-view");
        getStylesheets().add(StreamView.class.getResource("stream.css").toExternalForm());
        Button choose = new Button("Choose WAV…");
        choose.setOnAction(e -> chooseRecording());
        recordingLabel.getStyleClass().add("muted");
        window.setPrefColumnCount(6);
        hop.setPrefColumnCount(6);
        hop.setPromptText("= window");
        carry.setPromptText("stateN=state, …");
        window.setId("stream-window");
        hop.setId("stream-hop");
        carry.setId("stream-carry");
        GridPane grid = new GridPane(8, 6);
        grid.addRow(0, new Label("Recording"), new HBox(8, choose, recordingLabel));
        grid.addRow(1, new Label("Stream input"), new HBox(8, input, new Label("window"), window, new Label("hop"), hop));
        grid.addRow(2, new Label("Carry"), carry);
        GridPane.setHgrow(carry, Priority.ALWAYS);
        run.setDefaultButton(true);
        run.setOnAction(e -> runStream());
        cancel.setOnAction(e -> running.supersede());
        cancel.disableProperty().bind(running.busyProperty().not());
        run.disableProperty().bind(running.busyProperty());
        export.setOnAction(e -> chooseExport());
        export.setDisable(true);
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(8, progress, run, cancel, export);
        HBox.setHgrow(progress, Priority.ALWAYS);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        threshold.setShowTickLabels(true);
        threshold.setMajorTickUnit(0.25);
        threshold.setPrefWidth(220);
        threshold.valueProperty().addListener(o -> thresholdChanged());
        output.valueProperty().addListener(o -> redraw());
        HBox plotBar = new HBox(8, new Label("Plot"), output, new Label("Threshold"), threshold, thresholdLabel);
        plotBar.setAlignment(Pos.CENTER_LEFT);
        segmentsLabel.setWrapText(true);
        segmentsLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.getStyleClass().add("stream-status");
        table.setPrefHeight(200);
        VBox.setVgrow(table, Priority.ALWAYS);
        modelLabel.getStyleClass().add("field-name");
        thresholdChanged();
        getChildren().setAll(modelLabel, grid, buttons, plotBar, chart, segmentsLabel, table, status);
    }

    /** Shows a model: its streamed input, window and state pairs suggested (worked out in the background). */
    public void showModel(Model m) {
        model = m;
        result = null;
        modelLabel.setText(m.path() == null ? "(unsaved model)" : m.path().getFileName().toString());
        BackgroundTask.wrap(() -> {
            List<InputSpec> derived = InputSpecs.derive(m);
            return Map.entry(derived, StreamSetup.suggest(m, derived));
        }).onSuccess(e -> {
            specs = e.getKey();
            StreamSetup setup = e.getValue();
            input.getItems().setAll(specs.stream().filter(s -> s.isTensor() && s.elementType().isFloatingPoint())
                    .map(InputSpec::name).toList());
            input.setValue(setup.input());
            window.setText(Integer.toString(setup.window()));
            carry.setText(String.join(", ", setup.carry()));
            setStatus(setup.hasState() ? "State carried: " + String.join(", ", setup.carry()) + "." :
                    "No state outputs found by name; give OUTPUT=INPUT pairs to carry, or leave empty.", false);
            redraw();
        }).onFailure(error -> setStatus(error.getMessage(), true)).executeWith(tasks);
    }

    private void chooseRecording() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a recording to stream");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("WAV audio", "*.wav"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            loadRecording(file.toPath());
        }
    }

    /** Decodes a WAV file in the background (mono mix at its own rate; the same decoder as the CLI). */
    public TaskHandle loadRecording(Path file) {
        return BackgroundTask.wrap(() -> AudioPreprocessor.signal(Recording.read(file), file.getFileName().toString(),
                AudioSettings.DEFAULT, null)).inSlot(loading).onSuccess(s -> {
            signal = s;
            result = null;
            recordingLabel.setText(String.format(Locale.ROOT, "%s · %d Hz · %.2f s", file.getFileName(),
                    s.sampleRate(), s.seconds()));
            setStatus("", false);
            redraw();
        }).onFailure(error -> setStatus(error.getMessage(), true)).executeWith(tasks);
    }

    /** Runs the model over the recording in the background, window by window; Cancel stops after the current window. */
    public TaskHandle runStream() {
        Model m = model;
        AudioPreprocessor.Signal s = signal;
        if (m == null || m.path() == null || s == null) {
            setStatus(m == null ? "Open a model first." : "Choose a WAV recording first.", true);
            return null;
        }
        StreamPlan plan;
        try {
            List<String> pairs = carry.getText().isBlank() ? List.of()
                    : List.of(carry.getText().split("[,\\s]+")).stream().filter(p -> !p.isBlank()).toList();
            plan = StreamPlan.parse(input.getValue() + "=" + window.getText().strip()
                    + (hop.getText().isBlank() ? "" : ":" + hop.getText().strip()), pairs);
        } catch (InvalidInputException e) {
            setStatus(e.getMessage(), true);
            return null;
        }
        List<InputSpec> all = specs;
        progress.setProgress(0);
        setStatus("Running " + plan.describe() + "…", false);
        return BackgroundTask.<StreamResult>wrap(work -> {
            InputSpec streamed = all.stream().filter(x -> x.name().equals(plan.input())).findFirst().orElseThrow(
                    () -> new InvalidInputException("Choose the input to stream."));
            HostTensor whole = AudioPreprocessor.whole(s, streamed, Map.of());
            Map<String, HostTensor> feed = firstInputs(all, plan, whole, s.sampleRate());
            try (ModelSession session = sessions.get().open(m.path(), ProviderSettings.cpu())) {
                return StreamingRun.run(session::run, feed, whole, plan, s.sampleRate(), 4, (done, total) -> {
                    work.update(done / (double) total, "Window " + done + " of " + total);
                    return work.isCancelled();
                });
            }
        }).withTitle("Streaming " + m.path().getFileName()).showInStatusBar().inSlot(running)
                .onProgress((fraction, message) -> progress.setProgress(fraction))
                .onSuccess(r -> {
                    result = r;
                    progress.setProgress(1);
                    output.getItems().setAll(r.outputs());
                    if (output.getValue() == null || !r.outputs().contains(output.getValue())) {
                        output.setValue(r.outputs().isEmpty() ? null : r.outputs().getFirst());
                    }
                    fillTable(r);
                    export.setDisable(false);
                    setStatus(String.format(Locale.ROOT, "%d windows (%s) over %s%s; %.1f ms in ONNX Runtime.",
                            r.rows().size(), plan.describe(), s.description().replaceFirst("^from ", ""),
                            r.padding().isEmpty() ? "" : "; " + r.padding(), r.runMillis()), false);
                    redraw();
                }).onFailure(error -> setStatus(error instanceof WorkbenchException ? error.getMessage()
                        : "Unexpected problem: " + error, true))
                .onCancelled(() -> setStatus("Cancelled.", false))
                .executeWith(tasks);
    }

    /** The first window's inputs: the sample-rate input gets the recording's rate, carried inputs zeros. */
    static Map<String, HostTensor> firstInputs(List<InputSpec> specs, StreamPlan plan, HostTensor whole, int rate)
            throws WorkbenchException {
        Map<String, HostTensor> feed = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        String rateInput = specs.stream().map(InputSpec::sampleRateInput).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
        for (InputSpec spec : specs) {
            if (spec.name().equals(plan.input())) {
                feed.put(spec.name(), StreamingRun.slice(whole, 0, plan.window()));
            } else if (spec.name().equals(rateInput)) {
                feed.put(spec.name(), ValueParser.parse(spec.name(), Integer.toString(rate), spec.elementType(),
                        spec.concreteShape(Map.of())));
            } else if (plan.carry().containsValue(spec.name()) && spec.shape().rankKnown()) {
                feed.put(spec.name(), StreamingRun.zeros(spec.elementType(), spec.concreteShape(Map.of())));
            } else {
                missing.add(spec.name() + " (" + spec.typeDescription() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("A streaming run here gives the recording, its sample rate and zero states; "
                    + String.join(", ", missing) + " need values: use run --window with --input on the command line.");
        }
        return feed;
    }

    private void fillTable(StreamResult r) {
        table.getColumns().clear();
        table.getColumns().add(column("window", row -> Integer.toString(row.index())));
        table.getColumns().add(column("start s", row -> String.format(Locale.ROOT, "%.3f", row.startSeconds())));
        table.getColumns().add(column("end s", row -> String.format(Locale.ROOT, "%.3f", row.endSeconds())));
        for (String out : r.outputs()) {
            table.getColumns().add(column(out, row -> java.util.Arrays.stream(row.values().get(out))
                    .mapToObj(v -> String.format(Locale.ROOT, "%.5g", v)).collect(Collectors.joining(", "))));
        }
        table.getItems().setAll(r.rows());
    }

    private static TableColumn<StreamRow, String> column(String name, java.util.function.Function<StreamRow, String> text) {
        TableColumn<StreamRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private void chooseExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the windows as CSV");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("windows.csv");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportCsv(file.toPath());
        }
    }

    /** Writes the table as CSV in the background (the format of {@code run --window --out}). */
    public TaskHandle exportCsv(Path file) {
        StreamResult r = result;
        return BackgroundTask.wrap(() -> StreamTable.writeCsv(file, r))
                .onSuccess(v -> setStatus("Exported " + r.rows().size() + " windows to " + file.getFileName() + ".", false))
                .onFailure(error -> setStatus(error.getMessage(), true)).executeWith(tasks);
    }

    private void thresholdChanged() {
        thresholdLabel.setText(String.format(Locale.ROOT, "%.2f", threshold.getValue()));
        chart.setThreshold(threshold.getValue());
        describeSegments();
    }

    private void redraw() {
        chart.show(signal == null ? null : signal.samples(), result, output.getValue(), threshold.getValue());
        describeSegments();
    }

    private void describeSegments() {
        if (result == null || output.getValue() == null) {
            segmentsLabel.setText("");
            return;
        }
        List<double[]> segments = TimelineChart.segments(result, output.getValue(), threshold.getValue());
        segmentsLabel.setText(segments.isEmpty() ? "No window of " + output.getValue() + " reaches "
                + thresholdLabel.getText() + "." : segments.size() + " segment" + (segments.size() == 1 ? "" : "s")
                + " with " + output.getValue() + " ≥ " + thresholdLabel.getText() + ": " + segments.stream()
                .map(s -> String.format(Locale.ROOT, "%.2f–%.2f s", s[0], s[1])).collect(Collectors.joining(", ")));
    }

    private void setStatus(String text, boolean error) {
        status.setText(text);
        status.getStyleClass().remove("error");
        if (error) {
            status.getStyleClass().add("error");
        }
    }

    // ---- for tests ----

    Slider thresholdSlider() {
        return threshold;
    }

    Label statusLabel() {
        return status;
    }

    Label segmentsLabel() {
        return segmentsLabel;
    }

    TableView<StreamRow> table() {
        return table;
    }

    StreamResult result() {
        return result;
    }
}
