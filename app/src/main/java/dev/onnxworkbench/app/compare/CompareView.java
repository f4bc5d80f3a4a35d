package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precisionaxis.Precision;
import dev.onnxworkbench.models.precisionaxis.PrecisionCopies;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.models.bench.Benchmark;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.BenchmarkHistory;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ProviderProbe;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.bench.ProviderStatus;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * "Run ▸ Compare providers…": which providers work here and why not, their options, a benchmark with
 * progress and cancel, the results table, the latency box plot, the batch sweep, output agreement, node
 * placement, export (CSV, JSON, Markdown) and the earlier runs of the same model. A thin view over
 * {@link CompareViewModel}, which holds the state and runs the work.
 */
public final class CompareView extends BorderPane {
    private final CompareViewModel model;
    private final ProviderPanel panel;
    private final Label title = new Label();
    private final Label inputs = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final MenuButton export = new MenuButton("Export");
    private final ResultsTable results = new ResultsTable();
    private final LatencyBoxPlot boxPlot = new LatencyBoxPlot();
    private final BatchSweepChart sweep = new BatchSweepChart();
    private final AgreementTable agreement = new AgreementTable();
    private final PlacementTable placement = new PlacementTable();
    private final HistoryList past = new HistoryList();
    private final Label machine = new Label();
    private final Label slower = new Label();
    private final PrecisionNotes precisionNotes = new PrecisionNotes();
    private final TabPane details = new TabPane();

    /** With its own session factory; native libraries under the data directory, unpacked once. */
    public CompareView(AppServices services) {
        this(services, services.sessions());
    }

    public CompareView(AppServices services, SessionFactory sessions) {
        ProviderProbe probe = new ProviderProbe(sessions);
        Benchmark benchmark = new Benchmark(sessions, probe, false);
        // A session config loaded with Run ▸ Load Session Config… is measured as the first row.
        this.model = new CompareViewModel(services.tasks(), (file, config, listener) ->
                benchmark.run(file, services.sessionConfig().addTo(config), listener),
                (file, axis, variants, calibration, sample, progress) -> copies(sessions, file, axis, variants,
                        calibration, sample, progress),
                new BenchmarkHistory(services.dataDirectory()));
        this.panel = new ProviderPanel(services.dataDirectory().resolve("tensorrt-cache"));
        getStyleClass().add("compare-view");
        getStylesheets().add(CompareView.class.getResource("compare.css").toExternalForm());
        setTop(toolbar());
        ScrollPane left = new ScrollPane(panel);
        left.setFitToWidth(true);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        left.getStyleClass().add("settings-scroll");
        left.setPrefWidth(330);
        left.setMinWidth(300);
        setLeft(left);
        setCenter(center());
        bind();
        model.probeProviders(probe);
    }

    /**
     * The precision copies of a comparison, written by the precision package into a temporary folder; INT8 static
     * calibrates on the folder when one is given (images with the default image settings), else on the inputs.
     */
    private static PrecisionCopies copies(SessionFactory sessions, Path file, List<Precision> axis, List<Path> variants,
                                          Path calibration, InputSet sample, Progress progress) throws Exception {
        return PrecisionCopies.make(file, axis, variants, PrecisionSources.calibrationSet(file, calibration, sample),
                sample.values(), new ModelVerifier(sessions, ProviderSettings.cpu()), progress);
    }

    private VBox toolbar() {
        title.getStyleClass().add("heading");
        title.setId("compare-title");
        status.getStyleClass().add("status");
        status.setId("compare-status");
        progress.setId("compare-progress");
        progress.setPrefWidth(180);
        run.setId("compare-run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(true);
        cancel.setId("compare-cancel");
        export.setId("compare-export");
        for (BenchmarkExport.Format f : BenchmarkExport.Format.values()) {
            MenuItem item = new MenuItem(switch (f) {
                case CSV -> "CSV…";
                case JSON -> "JSON…";
                case MARKDOWN -> "Markdown…";
            });
            item.setOnAction(e -> chooseAndExport(f));
            export.getItems().add(item);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, title, spacer, status, progress, run, cancel, export);
        bar.getStyleClass().add("compare-toolbar-row");
        inputs.setId("compare-inputs");
        inputs.getStyleClass().add("compare-inputs");
        inputs.setWrapText(true);
        VBox top = new VBox(4, bar, inputs);
        top.getStyleClass().add("compare-toolbar");
        return top;
    }

    private SplitPane center() {
        machine.getStyleClass().add("muted");
        machine.setId("compare-machine");
        // Predict and Compare time different things; say so where the numbers are (a user saw 564 ms and 93 ms).
        Label timing = new Label("Why Predict's time differs: p50 here is the median of many timed runs on a session "
                + "that has already done its warm-up runs, with the provider's settings above; Predict times the "
                + "run you asked for on its own session, so its first run pays for memory allocation and kernel "
                + "selection, and it repeats quick runs only briefly.");
        timing.setId("compare-timing-note");
        timing.getStyleClass().add("muted");
        timing.setWrapText(true);
        timing.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        slower.setId("compare-precision-why");
        slower.getStyleClass().add("precision-slower");
        slower.setWrapText(true);
        slower.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        slower.managedProperty().bind(slower.textProperty().isNotEmpty());
        slower.visibleProperty().bind(slower.managedProperty());
        VBox top = new VBox(6, results, slower, machine, timing);
        top.getStyleClass().add("results-box");
        VBox.setVgrow(results, Priority.ALWAYS);
        ScrollPane plot = new ScrollPane(boxPlot);
        plot.setFitToWidth(true);
        ScrollPane notes = new ScrollPane(precisionNotes);
        notes.setFitToWidth(true);
        details.getTabs().setAll(tab("Latency", plot), tab("Batch sweep", sweep), tab("Agreement", agreement),
                tab("Precision", notes), tab("Node placement", placement), tab("History", past));
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(top, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        return split;
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setId("tab-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return t;
    }

    /** Controls show the view-model's state; buttons call its commands. */
    private void bind() {
        var running = model.runningProperty();
        title.textProperty().bind(model.titleProperty());
        status.textProperty().bind(model.statusProperty());
        model.statusKindProperty().addListener((obs, old, kind) -> showStatusKind(kind));
        showStatusKind(model.statusKindProperty().get());
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(running);
        progress.managedProperty().bind(progress.visibleProperty());
        run.disableProperty().bind(running);
        cancel.disableProperty().bind(running.not());
        export.disableProperty().bind(model.reportProperty().isNull().or(running));
        run.setOnAction(e -> model.run(panel.form()));
        cancel.setOnAction(e -> model.cancel());
        panel.chooseTestData.setOnAction(e -> chooseTestDataSet());
        panel.chooseCalibration.setOnAction(e -> chooseCalibration());
        panel.chooseVariants.setOnAction(e -> chooseVariants());
        model.rows().addListener((ListChangeListener<ProviderResult>) change -> showRows(List.copyOf(model.rows())));
        model.reportProperty().addListener((obs, old, now) -> machine.setText(now == null ? ""
                : "Measured on " + now.machine().summary() + " · " + settingsText(now)));
        model.pastRuns().addListener((ListChangeListener<BenchmarkReport>) change -> past.show(List.copyOf(model.pastRuns())));
        past.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> model.showPast(chosen));
        model.providersProperty().addListener((obs, old, now) -> panel.showStatuses(now));
        inputs.textProperty().bind(model.inputsTextProperty());
        model.givenProperty().addListener((obs, old, now) -> panel.showGivenInputs(now));
        panel.givenInputs.selectedProperty().bindBidirectional(model.useGivenProperty());
        model.modelProperty().addListener((obs, old, now) -> panel.setDynamicBatch(now != null && hasDynamicBatch(now)));
    }

    private void showStatusKind(CompareViewModel.StatusKind kind) {
        status.getStyleClass().removeAll("status-info", "status-ok", "status-error");
        status.getStyleClass().add("status-" + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Shows a model: its name, whether it has a dynamic batch, and its earlier comparisons. */
    public void showModel(Model m) {
        model.showModel(m);
    }

    /** Runs the comparison on these inputs (the prediction form's values) until another model is shown. */
    public void useInputs(InputSet inputs) {
        model.useInputs(inputs);
    }

    /** Loads a backend-suite test_data_set folder (input_*.pb) in the background and uses its inputs. */
    public void loadTestDataSet(Path directory) {
        model.loadTestDataSet(directory);
    }

    private void chooseTestDataSet() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose a test_data_set folder (input_*.pb)");
        Model m = model.modelProperty().get();
        if (m != null && m.path() != null && m.path().getParent() != null) {
            chooser.setInitialDirectory(m.path().getParent().toFile());
        }
        java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            loadTestDataSet(dir.toPath());
        }
    }

    private void chooseCalibration() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose INT8 static's calibration folder (images, .npy files or test_data_set_N folders)");
        java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            panel.calibration.setText(dir.toString());
        }
    }

    private void chooseVariants() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Choose other .onnx files of this model to compare (a quantized or edited copy)");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        List<java.io.File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            panel.addVariants(files.stream().map(java.io.File::toPath).toList());
        }
    }

    /** True when some real input (not an initializer) has a first dimension that is not fixed. */
    static boolean hasDynamicBatch(Model m) {
        Set<String> initializers = m.graph().initializers().stream().map(Tensor::name).collect(Collectors.toSet());
        for (ValueInfo input : m.graph().inputs()) {
            if (initializers.contains(input.name()) || !(input.type() instanceof ValueType.TensorType t)) {
                continue;
            }
            if (t.shape().rankKnown() && t.shape().rank() > 0 && !(t.shape().dims().getFirst() instanceof Dimension.Fixed)) {
                return true;
            }
        }
        return false;
    }

    /** Stops a running comparison and drops what it still delivers (the window calls this when it closes the view). */
    public void cancel() {
        model.close();
    }

    private void showRows(List<ProviderResult> rows) {
        results.show(rows, headlineShapes());
        boxPlot.show(rows);
        sweep.show(rows);
        agreement.show(rows);
        placement.show(rows);
        precisionNotes.show(rows);
        slower.setText(PrecisionNotes.slowerSummary(rows));
    }

    /** "x float32[1,3,640,640]; sr int64[]": the report's shapes, else those of the set about to run. */
    private String headlineShapes() {
        BenchmarkReport r = model.reportProperty().get();
        if (r != null && !r.settings().inputShapes().isEmpty()) {
            return r.settings().inputShapes().stream().map(d -> d.name() + " " + d.type() + d.shapeText())
                    .collect(Collectors.joining("; "));
        }
        InputSet set = model.givenProperty().get();
        return set == null ? "" : set.describe().stream().map(d -> d.name() + " " + d.type() + d.shapeText())
                .collect(Collectors.joining("; "));
    }

    private static String settingsText(BenchmarkReport r) {
        var s = r.settings();
        return (s.durationSeconds() == null ? s.timedRuns() + " timed runs" : s.durationSeconds() + " s per batch size")
                + ", " + s.warmupRuns() + " warm-up, inputs: " + s.inputs();
    }

    private void chooseAndExport(BenchmarkExport.Format format) {
        Model m = model.modelProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export comparison");
        String base = m == null || m.path() == null ? "comparison" : m.path().getFileName().toString().replaceFirst("\\.onnx$", "");
        chooser.setInitialFileName(base + "-providers." + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + format.extension()));
        java.io.File target = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (target != null) {
            exportTo(target.toPath(), format);
        }
    }

    /** Writes the shown report to {@code file} in the background; the status line says how it went. */
    public void exportTo(Path file, BenchmarkExport.Format format) {
        model.exportTo(file, format);
    }

    // ---- for the window and tests ----

    public CompareViewModel viewModel() {
        return model;
    }

    public Button runButton() {
        return run;
    }

    public Button cancelButton() {
        return cancel;
    }

    public Label statusLabel() {
        return status;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return model.runningProperty();
    }

    public ReadOnlyObjectProperty<BenchmarkReport> reportProperty() {
        return model.reportProperty();
    }

    /** The providers the probe has answered about so far (CUDA and TensorRT first), all of them at the end. */
    public ReadOnlyObjectProperty<List<ProviderStatus>> providerStatusesProperty() {
        return model.providersProperty();
    }

    ProviderPanel panel() {
        return panel;
    }

    LatencyBoxPlot boxPlot() {
        return boxPlot;
    }

    BatchSweepChart sweep() {
        return sweep;
    }

    ResultsTable results() {
        return results;
    }

    HistoryList history() {
        return past;
    }

    TabPane details() {
        return details;
    }
}
