package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.BenchmarkException;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.BenchmarkHistory;
import dev.onnxworkbench.models.bench.BenchmarkListener;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ProviderProbe;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.bench.ProviderStatus;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precisionaxis.Precision;
import dev.onnxworkbench.models.precisionaxis.PrecisionCopies;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.TestDataInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state and commands of "Compare providers", without controls: which model, which inputs, the rows
 * measured so far, the report, the status line, the earlier runs. Every piece of background work runs in a
 * {@link TaskSlot}, so showing another model drops whatever the old one's benchmark still delivers, and
 * {@link #runningProperty()} stays true until the benchmark's thread has actually left it. Tested on the
 * same-thread executor without a toolkit.
 */
public final class CompareViewModel {

    /** Runs a comparison (the real one is {@code Benchmark::run}). */
    @FunctionalInterface
    public interface Runner {
        BenchmarkReport run(Path model, BenchmarkConfig config, BenchmarkListener listener) throws Exception;
    }

    /**
     * Writes the precision copies a comparison runs (the real one calls {@link PrecisionCopies#make}); they are
     * closed, and so deleted, when the comparison ends.
     */
    @FunctionalInterface
    public interface CopyMaker {
        PrecisionCopies make(Path model, List<Precision> axis, List<Path> variants, Path calibration, InputSet sample,
                             Progress progress) throws Exception;
    }

    /** How the status line reads: neutral, a success, or a problem. */
    public enum StatusKind { INFO, OK, ERROR }

    private final TaskExecutor tasks;
    private final Runner runner;
    private final CopyMaker copies;
    private final BenchmarkHistory history;
    private final TaskSlot benchmark = new TaskSlot();
    private final TaskSlot loading = new TaskSlot();
    private final TaskSlot pastRuns = new TaskSlot();

    private final ReadOnlyObjectWrapper<Model> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Compare providers");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Open a model to compare providers.");
    private final ReadOnlyObjectWrapper<StatusKind> statusKind = new ReadOnlyObjectWrapper<>(this, "statusKind", StatusKind.INFO);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<BenchmarkReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<ProviderResult> rows = FXCollections.observableArrayList();
    private final ObservableList<ProviderResult> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<BenchmarkReport> past = FXCollections.observableArrayList();
    private final ObservableList<BenchmarkReport> pastView = FXCollections.unmodifiableObservableList(past);
    private final ReadOnlyObjectWrapper<List<ProviderStatus>> providers = new ReadOnlyObjectWrapper<>(this, "providers", List.of());
    private final ReadOnlyObjectWrapper<InputSet> given = new ReadOnlyObjectWrapper<>(this, "given");
    private final BooleanProperty useGiven = new SimpleBooleanProperty(this, "useGiven", false);
    private final ReadOnlyStringWrapper inputsText = new ReadOnlyStringWrapper(this, "inputsText", "");

    public CompareViewModel(TaskExecutor tasks, Runner runner, BenchmarkHistory history) {
        this(tasks, runner, (model, axis, variants, calibration, sample, progress) -> {
            throw new WorkbenchException("This view cannot write precision copies.");
        }, history);
    }

    public CompareViewModel(TaskExecutor tasks, Runner runner, CopyMaker copies, BenchmarkHistory history) {
        this.tasks = tasks;
        this.runner = runner;
        this.copies = copies;
        this.history = history;
        report.addListener((obs, old, now) -> rows.setAll(now == null ? List.of() : now.providers()));
        given.addListener(o -> describeInputs());
        useGiven.addListener(o -> describeInputs());
        describeInputs();
    }

    /** The header line: what runs, with shapes ("x float32[1,3,640,640] from street.png, ImageNet scaling"). */
    private void describeInputs() {
        InputSet set = given.get();
        if (set == null) {
            inputsText.set("Inputs: random values at the model's own shapes (Predict's form or a test data set give others).");
        } else if (useGiven.get()) {
            inputsText.set("Inputs: " + set.summary());
        } else {
            inputsText.set("Inputs: " + set.describe().stream().map(d -> d.name() + " " + d.type() + d.shapeText())
                    .collect(java.util.stream.Collectors.joining("; ")) + ", random values (seed in the settings)");
        }
    }

    // ---- commands ----

    /** Shows a model: whatever the old one's benchmark still delivers is dropped; its past runs load. */
    public void showModel(Model m) {
        benchmark.supersede();
        loading.supersede();
        model.set(m);
        title.set("Compare providers · " + (m.path() == null ? "model" : m.path().getFileName()));
        report.set(null);
        rows.clear();
        progress.set(0);
        given.set(null);
        useGiven.set(false);
        if (m.path() == null) {
            setStatus("This model was not read from a file; save it to benchmark it.", StatusKind.ERROR);
            past.clear();
            return;
        }
        setStatus("Ready: choose providers and press Run.", StatusKind.INFO);
        loadHistory(m.path());
    }

    /**
     * Runs on this input set (the prediction form's: shapes and values) until another model is shown; Random
     * then means random values of the same shapes, and the batch sweep varies only its batch dimension.
     */
    public void useInputs(InputSet inputs) {
        given.set(inputs);
        useGiven.set(inputs != null);
    }

    /** Reads a backend-suite test_data_set folder in the background and uses its inputs. */
    public void loadTestDataSet(Path directory) {
        Model m = model.get();
        if (m == null) {
            setStatus("Open a model before choosing its test data.", StatusKind.ERROR);
            return;
        }
        BackgroundTask.wrap(() -> {
            TestDataInputs data = TestDataInputs.load(directory, m.graph());
            InputSetBuilder set = InputSet.builder(m);
            data.inputs().forEach((name, value) -> set.source(name, InputSource.testData(directory, value)));
            return set.build();
        }).inSlot(loading).onSuccess(inputs -> {
            useInputs(inputs);
            setStatus("Inputs from " + directory.getFileName() + " loaded.", StatusKind.OK);
        }).onFailure(error -> setStatus(message(error), StatusKind.ERROR)).executeWith(tasks);
    }

    /**
     * Starts a comparison with the settings {@code form} gives (a typing mistake becomes the status line and
     * nothing runs). Refused while an older benchmark is still stopping.
     */
    public void run(CompareForm form) {
        Model m = model.get();
        if (m == null || m.path() == null) {
            setStatus("Open a model file first.", StatusKind.ERROR);
            return;
        }
        if (benchmark.isBusy()) {
            setStatus("The previous comparison is still stopping; press Run again when it has.", StatusKind.INFO);
            return;
        }
        BenchmarkConfig config;
        List<Precision> axis;
        List<Path> variants;
        Path calibration;
        try {
            BenchmarkConfig settings = form.toConfig();
            InputSet set = given.get();
            config = set == null ? settings : settings.withInputs(useGiven.get() ? set : set.withRandomValues(settings.inputSeed()));
            axis = form.precisionAxis();
            variants = form.variants();
            calibration = form.calibration();
        } catch (BenchmarkException e) {
            setStatus(e.getMessage(), StatusKind.ERROR);
            return;
        }
        Path file = m.path();
        report.set(null);
        rows.clear();
        progress.set(0);
        setStatus("Starting…", StatusKind.INFO);
        List<ProviderResult> finished = new ArrayList<>();
        BackgroundTask.<BenchmarkReport>wrap(work -> {
            PrecisionCopies made = null;
            BenchmarkConfig run = config;
            if (axis.size() > 1 || !variants.isEmpty()) {
                // The copies are checked on the inputs the comparison runs, and INT8 static calibrates on them
                // when no folder is given.
                InputSet sample = config.inputs() != null ? config.inputs()
                        : InputSet.builder(m).randomFill(config.inputSeed()).build();
                made = copies.make(file, axis, variants, calibration, sample,
                        (message, step, steps) -> work.update(0, message));
                run = config.withPrecisions(made.precisions());
            }
            try (PrecisionCopies closing = made) {
                return measure(file, run, work, finished);
            }
        }).withTitle("Comparing providers on " + file.getFileName()).showInStatusBar().inSlot(benchmark)
                .onProgress((fraction, message) -> {
                    progress.set(fraction);
                    if (message != null) {
                        setStatus(message, StatusKind.INFO);
                    }
                })
                .onSuccess(done -> {
                    report.set(done);
                    setStatus(summary(done), done.providers().stream().anyMatch(ProviderResult::succeeded)
                            ? StatusKind.OK : StatusKind.ERROR);
                    loadHistory(file);
                })
                .onFailure(error -> setStatus(message(error), StatusKind.ERROR))
                .onCancelled(() -> setStatus("Cancelled: " + finished.size() + " of " + config.variants().size()
                        * axis.size() + " provider rows finished before that.", StatusKind.INFO))
                .executeWith(tasks);
    }

    /** The benchmark itself, rows published as they finish; saved to the history unless cancelled. */
    private BenchmarkReport measure(Path file, BenchmarkConfig config, BackgroundTask.Progress work,
                                    List<ProviderResult> finished) throws Exception {
        BenchmarkReport done = runner.run(file, config, new BenchmarkListener() {
            @Override
            public void progress(double fraction, String message) {
                work.update(fraction, message);
            }

            @Override
            public void providerFinished(ProviderResult result) {
                work.publish(() -> {
                    finished.add(result);
                    rows.add(result);
                });
            }

            @Override
            public boolean isCancelled() {
                return work.isCancelled();
            }
        });
        if (!done.cancelled() && !work.isCancelled()) {
            history.save(file, done);
        }
        return done;
    }

    /** Asks the running comparison to stop after its current run; Run comes back once it has. */
    public void cancel() {
        if (benchmark.current() != null) {
            benchmark.cancel();
            setStatus("Cancelling: the current run finishes first…", StatusKind.INFO);
        }
    }

    /** The view is closed: stop the benchmark and drop everything still on its way. */
    public void close() {
        benchmark.cancel();
        benchmark.supersede();
        loading.supersede();
        pastRuns.supersede();
    }

    /** Shows an earlier run of this model (not while one is running). */
    public void showPast(BenchmarkReport earlier) {
        if (earlier != null && !benchmark.isBusy()) {
            report.set(earlier);
            setStatus("Showing the run of " + HistoryList.title(earlier) + ".", StatusKind.INFO);
        }
    }

    /** Writes the shown report in the background; the status line says how it went. */
    public void exportTo(Path file, BenchmarkExport.Format format) {
        BenchmarkReport r = report.get();
        if (r == null) {
            setStatus("Nothing to export yet: run a comparison first.", StatusKind.ERROR);
            return;
        }
        BackgroundTask.wrap(() -> BenchmarkExport.write(r, format, file)).withTitle("Exporting the comparison")
                .onSuccess(v -> setStatus("Exported to " + file + ".", StatusKind.OK))
                .onFailure(error -> setStatus(message(error), StatusKind.ERROR))
                .executeWith(tasks);
    }

    /**
     * Asks about CUDA and TensorRT first (a missing NVIDIA library is known in milliseconds, without waiting
     * for ONNX Runtime to start), then the CPU and any other provider; each answer is shown as it comes.
     */
    public void probeProviders(ProviderProbe probe) {
        BackgroundTask.<List<ProviderStatus>>wrap(work -> {
            List<ProviderStatus> answers = new ArrayList<>();
            for (ExecutionProvider p : List.of(ExecutionProvider.CUDA, ExecutionProvider.TENSORRT, ExecutionProvider.CPU)) {
                answers.add(probe.probe(p));
                List<ProviderStatus> soFar = List.copyOf(answers);
                work.publish(() -> providers.set(soFar));
            }
            return probe.probeAll();
        })
                .onSuccess(providers::set)
                .onFailure(error -> setStatus("Could not check the providers: " + error.getMessage(), StatusKind.ERROR))
                .executeWith(tasks);
    }

    private void loadHistory(Path file) {
        BackgroundTask.wrap(() -> history.list(file)).inSlot(pastRuns)
                .onSuccess(past::setAll)
                .onFailure(error -> past.clear())
                .executeWith(tasks);
    }

    private void setStatus(String text, StatusKind kind) {
        status.set(text);
        statusKind.set(kind);
    }

    /** "Done: 1 measured, 2 failed, 2 unavailable." */
    static String summary(BenchmarkReport r) {
        long ok = r.providers().stream().filter(ProviderResult::succeeded).count();
        long failed = r.providers().stream().filter(p -> p.available() && !p.succeeded()).count();
        long unavailable = r.providers().stream().filter(p -> !p.available()).count();
        return "Done: " + ok + " measured" + (failed > 0 ? ", " + failed + " failed" : "")
                + (unavailable > 0 ? ", " + unavailable + " unavailable" : "") + ".";
    }

    static String message(Throwable t) {
        return t == null ? "The benchmark failed." : t instanceof WorkbenchException
                ? t.getMessage() : "The benchmark failed: " + t;
    }

    // ---- state ----

    public ReadOnlyObjectProperty<Model> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusKind> statusKindProperty() {
        return statusKind.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True from Run until the benchmark's thread has left the benchmark (a cancelled one included). */
    public ReadOnlyBooleanProperty runningProperty() {
        return benchmark.busyProperty();
    }

    public ReadOnlyObjectProperty<BenchmarkReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The rows measured so far while running; the report's rows after. */
    public ObservableList<ProviderResult> rows() {
        return rowsView;
    }

    public ObservableList<BenchmarkReport> pastRuns() {
        return pastView;
    }

    public ReadOnlyObjectProperty<List<ProviderStatus>> providersProperty() {
        return providers.getReadOnlyProperty();
    }

    /** The input set to run (shapes and values), or null for random values at the model's own shapes. */
    public ReadOnlyObjectProperty<InputSet> givenProperty() {
        return given.getReadOnlyProperty();
    }

    /** "Inputs: x float32[1,3,640,640] from street.png, ImageNet scaling". */
    public ReadOnlyStringProperty inputsTextProperty() {
        return inputsText.getReadOnlyProperty();
    }

    /** Run on the given inputs (true) or on random values of the same shapes (false). */
    public BooleanProperty useGivenProperty() {
        return useGiven;
    }
}
