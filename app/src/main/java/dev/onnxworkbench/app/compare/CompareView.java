package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.models.bench.Benchmark;
import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.BenchmarkException;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.BenchmarkHistory;
import dev.onnxworkbench.models.bench.BenchmarkListener;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.GivenInputs;
import dev.onnxworkbench.models.bench.ProviderProbe;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.bench.ProviderStatus;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.TestDataInputs;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
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
 * placement, export (CSV, JSON, Markdown) and the earlier runs of the same model. All probing,
 * benchmarking and file I/O run as {@link Task}s on the app's background executor.
 */
public final class CompareView extends BorderPane {
    private final AppServices services;
    private final ProviderProbe probe;
    private final SessionFactory sessions;
    private final BenchmarkHistory history;

    private final ProviderPanel panel;
    private final Label title = new Label("Compare providers");
    private final Label status = new Label("Open a model to compare providers.");
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
    private final TabPane details = new TabPane();

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<BenchmarkReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<ProviderStatus>> statuses = new ReadOnlyObjectWrapper<>(List.of());
    private Model model;
    private Task<BenchmarkReport> current;
    private GivenInputs given;

    /** With its own session factory; native libraries under the data directory, unpacked once. */
    public CompareView(AppServices services) {
        this(services, new SessionFactory(new NativeLibraries(services.dataDirectory().resolve("native"))));
    }

    public CompareView(AppServices services, SessionFactory sessions) {
        this.services = services;
        this.sessions = sessions;
        this.probe = new ProviderProbe(sessions);
        this.history = new BenchmarkHistory(services.dataDirectory());
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
        wire();
        probeProviders();
    }

    private HBox toolbar() {
        title.getStyleClass().add("heading");
        title.setId("compare-title");
        status.getStyleClass().add("status");
        status.setId("compare-status");
        progress.setId("compare-progress");
        progress.setPrefWidth(180);
        progress.visibleProperty().bind(running.getReadOnlyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
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
        bar.getStyleClass().add("compare-toolbar");
        return bar;
    }

    private SplitPane center() {
        machine.getStyleClass().add("muted");
        machine.setId("compare-machine");
        VBox top = new VBox(6, results, machine);
        top.getStyleClass().add("results-box");
        VBox.setVgrow(results, Priority.ALWAYS);
        ScrollPane plot = new ScrollPane(boxPlot);
        plot.setFitToWidth(true);
        details.getTabs().setAll(tab("Latency", plot), tab("Batch sweep", sweep), tab("Agreement", agreement),
                tab("Node placement", placement), tab("History", past));
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

    private void wire() {
        run.disableProperty().bind(running.getReadOnlyProperty());
        cancel.disableProperty().bind(running.getReadOnlyProperty().not());
        export.disableProperty().bind(report.isNull().or(running.getReadOnlyProperty()));
        run.setOnAction(e -> startBenchmark());
        panel.chooseTestData.setOnAction(e -> chooseTestDataSet());
        cancel.setOnAction(e -> cancelBenchmark());
        report.addListener((obs, old, now) -> showReport(now));
        past.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && !running.get()) {
                report.set(chosen);
                setStatus("Showing the run of " + HistoryList.title(chosen) + ".", "info");
            }
        });
    }

    /** Shows a model: its name, whether it has a dynamic batch, and its earlier comparisons. */
    public void showModel(Model m) {
        cancelBenchmark();
        this.model = m;
        title.setText("Compare providers · " + (m.path() == null ? "model" : m.path().getFileName()));
        panel.setDynamicBatch(hasDynamicBatch(m));
        report.set(null);
        showReport(null);
        given = null;
        panel.showGivenInputs(null);
        if (m.path() == null) {
            setStatus("This model was not read from a file; save it to benchmark it.", "error");
            return;
        }
        setStatus("Ready: choose providers and press Run.", "info");
        loadHistory(m.path());
    }

    /**
     * Runs the comparison on these inputs (the prediction form's values, say) instead of random ones,
     * until another model is shown or the user picks Random again.
     */
    public void useInputs(String description, Map<String, HostTensor> values) {
        given = new GivenInputs(description, values);
        panel.showGivenInputs(description);
    }

    /** Loads a backend-suite test_data_set folder (input_*.pb) in the background and uses its inputs. */
    public Task<GivenInputs> loadTestDataSet(Path directory) {
        Model m = model;
        Task<GivenInputs> task = new Task<>() {
            @Override
            protected GivenInputs call() throws Exception {
                if (m == null) {
                    throw new BenchmarkException("Open a model before choosing its test data.");
                }
                TestDataInputs data = TestDataInputs.load(directory, m.graph());
                return new GivenInputs(directory.getFileName() + " (" + String.join(", ", data.inputs().keySet()) + ")", data.inputs());
            }
        };
        task.setOnSucceeded(e -> {
            if (model == m) {
                given = task.getValue();
                panel.showGivenInputs(given.description());
                setStatus("Inputs from " + directory.getFileName() + " loaded.", "ok");
            }
        });
        task.setOnFailed(e -> setStatus(message(task.getException()), "error"));
        services.background().submit(task);
        return task;
    }

    private void chooseTestDataSet() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose a test_data_set folder (input_*.pb)");
        if (model != null && model.path() != null && model.path().getParent() != null) {
            chooser.setInitialDirectory(model.path().getParent().toFile());
        }
        java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            loadTestDataSet(dir.toPath());
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

    /**
     * Asks about CUDA and TensorRT first (a missing NVIDIA library is known in milliseconds, without
     * waiting for ONNX Runtime to start), then the CPU and any other provider ONNX Runtime reports; the
     * panel shows each answer as it comes.
     */
    private void probeProviders() {
        Task<List<ProviderStatus>> task = new Task<>() {
            @Override
            protected List<ProviderStatus> call() {
                List<ProviderStatus> answers = new ArrayList<>();
                for (var p : List.of(ExecutionProvider.CUDA, ExecutionProvider.TENSORRT, ExecutionProvider.CPU)) {
                    answers.add(probe.probe(p));
                    List<ProviderStatus> soFar = List.copyOf(answers);
                    Platform.runLater(() -> {
                        panel.showStatuses(soFar);
                        statuses.set(soFar);
                    });
                }
                return probe.probeAll();
            }
        };
        task.setOnSucceeded(e -> {
            panel.showStatuses(task.getValue());
            statuses.set(task.getValue());
        });
        task.setOnFailed(e -> setStatus("Could not check the providers: " + task.getException().getMessage(), "error"));
        services.background().submit(task);
    }

    private void startBenchmark() {
        if (model == null || model.path() == null) {
            setStatus("Open a model file first.", "error");
            return;
        }
        BenchmarkConfig form;
        try {
            form = services.sessionConfig().addTo(panel.form().toConfig());
        } catch (BenchmarkException e) {
            setStatus(e.getMessage(), "error");
            return;
        }
        BenchmarkConfig config = panel.givenInputs.isSelected() && given != null ? form.withInputs(given) : form;
        Path file = model.path();
        List<ProviderResult> partial = new ArrayList<>();
        Task<BenchmarkReport> task = new Task<>() {
            @Override
            protected BenchmarkReport call() throws Exception {
                Task<BenchmarkReport> self = this;
                BenchmarkReport done = new Benchmark(sessions, probe, false).run(file, config, new BenchmarkListener() {
                    @Override
                    public void progress(double fraction, String message) {
                        updateProgress(fraction, 1.0);
                        updateMessage(message);
                    }

                    @Override
                    public void providerFinished(ProviderResult result) {
                        Platform.runLater(() -> {
                            partial.add(result);
                            showRows(partial);
                        });
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled();
                    }
                });
                if (!done.cancelled()) {
                    history.save(file, done);
                }
                return done;
            }
        };
        current = task;
        running.set(true);
        progress.progressProperty().bind(task.progressProperty());
        status.textProperty().bind(task.messageProperty());
        setStatusStyle("info");
        task.setOnSucceeded(e -> finish(task, () -> {
            report.set(task.getValue());
            setStatus(summary(task.getValue()), "ok");
            loadHistory(file);
        }));
        task.setOnFailed(e -> finish(task, () -> setStatus(message(task.getException()), "error")));
        task.setOnCancelled(e -> finish(task, () -> setStatus("Cancelled: " + partial.size() + " of " + config.variants().size()
                + " provider rows finished before that.", "info")));
        services.background().submit(task);
    }

    private void finish(Task<?> task, Runnable then) {
        if (current == task) {
            current = null;
        }
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        running.set(false);
        then.run();
    }

    /** Stops a running comparison after its current run (the window calls this when it closes the view). */
    public void cancel() {
        cancelBenchmark();
    }

    private void cancelBenchmark() {
        if (current != null) {
            current.cancel(false);
        }
    }

    private static String summary(BenchmarkReport r) {
        long ok = r.providers().stream().filter(ProviderResult::succeeded).count();
        long unavailable = r.providers().stream().filter(p -> !p.available()).count();
        return "Done: " + ok + " measured" + (unavailable > 0 ? ", " + unavailable + " unavailable" : "") + ".";
    }

    private static String message(Throwable t) {
        return t == null ? "The benchmark failed." : t instanceof dev.onnxworkbench.models.WorkbenchException
                ? t.getMessage() : "The benchmark failed: " + t;
    }

    private void showRows(List<ProviderResult> rows) {
        results.show(rows);
        boxPlot.show(rows);
        sweep.show(rows);
        agreement.show(rows);
        placement.show(rows);
    }

    private void showReport(BenchmarkReport r) {
        showRows(r == null ? List.of() : r.providers());
        machine.setText(r == null ? "" : "Measured on " + r.machine().summary() + " · " + settingsText(r));
    }

    private static String settingsText(BenchmarkReport r) {
        var s = r.settings();
        return (s.durationSeconds() == null ? s.timedRuns() + " timed runs" : s.durationSeconds() + " s per batch size")
                + ", " + s.warmupRuns() + " warm-up, inputs: " + s.inputs();
    }

    private void loadHistory(Path file) {
        Task<List<BenchmarkReport>> task = new Task<>() {
            @Override
            protected List<BenchmarkReport> call() throws Exception {
                return history.list(file);
            }
        };
        task.setOnSucceeded(e -> past.show(task.getValue()));
        task.setOnFailed(e -> past.show(List.of()));
        services.background().submit(task);
    }

    private void chooseAndExport(BenchmarkExport.Format format) {
        BenchmarkReport r = report.get();
        if (r == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export comparison");
        String base = model == null || model.path() == null ? "comparison" : model.path().getFileName().toString().replaceFirst("\\.onnx$", "");
        chooser.setInitialFileName(base + "-providers." + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + format.extension()));
        java.io.File target = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (target != null) {
            exportTo(target.toPath(), format);
        }
    }

    /** Writes the shown report to {@code file} in the background; the returned task reports how it went. */
    public Task<Void> exportTo(Path file, BenchmarkExport.Format format) {
        BenchmarkReport r = report.get();
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                if (r == null) {
                    throw new BenchmarkException("Nothing to export yet: run a comparison first.");
                }
                BenchmarkExport.write(r, format, file);
                return null;
            }
        };
        task.setOnSucceeded(e -> setStatus("Exported to " + file + ".", "ok"));
        task.setOnFailed(e -> setStatus(message(task.getException()), "error"));
        services.background().submit(task);
        return task;
    }

    private void setStatus(String text, String kind) {
        status.textProperty().unbind();
        status.setText(text);
        setStatusStyle(kind);
    }

    private void setStatusStyle(String kind) {
        status.getStyleClass().removeAll("status-info", "status-ok", "status-error");
        status.getStyleClass().add("status-" + kind);
    }

    // ---- for the window and tests ----

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
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BenchmarkReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The providers the probe has answered about so far (CUDA and TensorRT first), all of them at the end. */
    public ReadOnlyObjectProperty<List<ProviderStatus>> providerStatusesProperty() {
        return statuses.getReadOnlyProperty();
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
