package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.ProviderProbe;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.tune.Candidate;
import dev.onnxworkbench.models.tune.SessionSnippets;
import dev.onnxworkbench.models.tune.TuneListener;
import dev.onnxworkbench.models.tune.TuneReport;
import dev.onnxworkbench.models.tune.TuneRequest;
import dev.onnxworkbench.models.tune.TunedConfig;
import dev.onnxworkbench.models.tune.Tuner;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

/**
 * Run ▸ Tune…: the tuner on the current model, live. Candidates fill a table as they finish, a scatter plot
 * shows p50 latency against the largest error from the CPU reference (agreeing and disagreeing apart), and
 * the winner can be saved as a session config, copied as Java or Python, or used by Predict and Compare.
 */
public final class TuneView extends BorderPane {
    private final AppServices services;
    private final SessionFactory sessions;
    private final TaskSlot slot = new TaskSlot();
    final TextField budget = new TextField("60");
    final TextField sizes = new TextField();
    final CheckBox cuda = new CheckBox("CUDA");
    final CheckBox tensorRt = new CheckBox("TensorRT");
    final Button start = new Button("Tune");
    final Button cancel = new Button("Cancel");
    final ProgressBar progress = new ProgressBar(0);
    final Label status = new Label("Set a budget and press Tune.");
    final TableView<Candidate> table = new TableView<>();
    private final ObservableList<Candidate> rows = FXCollections.observableArrayList();
    final ScatterChart<Number, Number> scatter;
    private final XYChart.Series<Number, Number> agreeing = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> disagreeing = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> winner = new XYChart.Series<>();
    final Label best = new Label();
    final Button save = new Button("Save Config…");
    final Button copyJava = new Button("Copy Java");
    final Button copyPython = new Button("Copy Python");
    final Button use = new Button("Use in Predict and Compare");
    private final ReadOnlyObjectWrapper<TuneReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private Model model;

    public TuneView(AppServices services, SessionFactory sessions) {
        this.services = services;
        this.sessions = sessions;
        getStyleClass().add("tune-view");
        getStylesheets().add(TuneView.class.getResource("tune.css").toExternalForm());
        budget.setPrefColumnCount(4);
        sizes.setPromptText("sizes, e.g. x=1,3,320,320 or N=1");
        sizes.setPrefColumnCount(18);
        sizes.setTooltip(new Tooltip("Free dimensions: INPUT=D0,D1,… for a whole shape, or NAME=SIZE for a named "
                + "dimension; separate with spaces. The batch is 1 unless you say otherwise; values are random (seed 42)."));
        cuda.setSelected(true);
        tensorRt.setSelected(true);
        cancel.setDisable(true);
        start.setDefaultButton(true);
        start.setOnAction(e -> run());
        cancel.setOnAction(e -> slot.cancel());
        progress.setPrefWidth(140);
        FlowPane form = new FlowPane(8, 6, new Label("Budget (s)"), budget, new Label("Providers: CPU"), cuda, tensorRt,
                new Label("Inputs"), sizes, start, cancel, progress, status);
        form.setPadding(new Insets(8));
        setTop(form);

        table.setItems(rows);
        table.setPlaceholder(new Label("Candidates appear here as they are measured."));
        table.getColumns().add(column("Setting", 330, Candidate::shortLabel));
        table.getColumns().add(column("Status", 90, c -> c.status().jsonName()));
        table.getColumns().add(column("p50 ms", 80, c -> number(c.p50Ms())));
        table.getColumns().add(column("p99 ms", 80, c -> number(c.p99Ms())));
        table.getColumns().add(column("max |error|", 90, c -> Double.isNaN(c.maxAbsError()) ? "–"
                : String.format(Locale.ROOT, "%.2g", c.maxAbsError())));
        table.getColumns().add(column("Reason", 260, c -> c.reason() == null ? "" : c.reason()));

        NumberAxis x = new NumberAxis();
        x.setLabel("largest |error| against the CPU reference");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel("p50 latency (ms)");
        scatter = new ScatterChart<>(x, y);
        scatter.setTitle("Latency against error");
        scatter.setAnimated(false);
        agreeing.setName("agrees");
        disagreeing.setName("disagrees");
        winner.setName("best");
        scatter.getData().setAll(List.of(agreeing, disagreeing, winner));
        SplitPane split = new SplitPane(table, scatter);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.62);
        setCenter(split);

        best.setWrapText(true);
        best.getStyleClass().add("tune-best");
        for (Button b : List.of(save, copyJava, copyPython, use)) {
            b.setDisable(true);
        }
        save.setOnAction(e -> chooseAndSave());
        copyJava.setOnAction(e -> copy(SessionSnippets.java(report.get().best().settings(), report.get().model())));
        copyPython.setOnAction(e -> copy(SessionSnippets.python(report.get().best().settings(), report.get().model())));
        use.setOnAction(e -> {
            services.sessionConfig().set(new SessionConfigChoice.Loaded(Path.of("tuned settings"), report.get().best().settings()));
            status.setText("Predict and Compare now use " + report.get().best().label() + ".");
        });
        HBox actions = new HBox(8, save, copyJava, copyPython, use);
        BorderPane bottom = new BorderPane(best, null, null, actions, null);
        bottom.setPadding(new Insets(8));
        HBox.setHgrow(best, Priority.ALWAYS);
        setBottom(bottom);
    }

    public void showModel(Model model) {
        slot.cancel();
        this.model = model;
        rows.clear();
        agreeing.getData().clear();
        disagreeing.getData().clear();
        winner.getData().clear();
        scatter.getYAxis().setAutoRanging(true);
        scatter.setTitle("Latency against error");
        report.set(null);
        best.setText("");
        for (Button b : List.of(save, copyJava, copyPython, use)) {
            b.setDisable(true);
        }
        status.setText(model == null ? "Open a model first." : "Set a budget and press Tune.");
    }

    public ReadOnlyObjectProperty<TuneReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Starts tuning; a mistake in the form becomes the status line and nothing runs. */
    void run() {
        if (model == null || model.path() == null) {
            status.setText("Open a model file first.");
            return;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(budget.getText().trim());
            if (!(seconds > 0) || seconds > 24 * 3600) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            status.setText("Budget (s): give a number of seconds above 0, e.g. 60.");
            return;
        }
        EnumSet<ExecutionProvider> providers = EnumSet.of(ExecutionProvider.CPU);
        if (cuda.isSelected()) {
            providers.add(ExecutionProvider.CUDA);
        }
        if (tensorRt.isSelected()) {
            providers.add(ExecutionProvider.TENSORRT);
        }
        Model m = model;
        String sizeText = sizes.getText();
        showModel(m);
        start.setDisable(true);
        cancel.setDisable(false);
        status.setText("Starting…");
        TuneRequest request = new TuneRequest(providers, Duration.ofMillis((long) (seconds * 1000)), Tolerance.DEFAULT,
                services.dataDirectory().resolve("tensorrt-cache"));
        BackgroundTask.<TuneReport>wrap(work -> {
            InputSet inputs = inputs(m, sizeText);
            return new Tuner(sessions, new ProviderProbe(sessions)).tune(m.path(), inputs, request, new TuneListener() {
                @Override
                public void progress(double fraction, String message) {
                    work.update(fraction, message);
                }

                @Override
                public void candidateFinished(Candidate candidate) {
                    work.publish(() -> add(candidate));
                }

                @Override
                public boolean isCancelled() {
                    return work.isCancelled();
                }
            });
        }).withTitle("Tuning " + m.path().getFileName()).showInStatusBar().inSlot(slot)
                .onProgress((fraction, message) -> {
                    progress.setProgress(fraction);
                    if (message != null) {
                        status.setText(message);
                    }
                })
                .onSuccess(this::finished)
                .onFailure(error -> status.setText("Not tuned: " + error.getMessage()))
                .onCancelled(() -> status.setText("Cancelled."))
                .onFinished(() -> {
                    start.setDisable(false);
                    cancel.setDisable(true);
                })
                .executeWith(services.tasks());
    }

    /** The form's sizes ("x=1,3,320,320 N=1") on random values from seed 42, batch 1 unless sized. */
    static InputSet inputs(Model model, String text) throws WorkbenchException {
        InputSetBuilder builder = InputSet.builder(model).randomFill(42).defaultBatch(1);
        for (String part : text.trim().split("[;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("Inputs: write INPUT=D0,D1,… or NAME=SIZE, not '" + part + "'.");
            }
            String name = part.substring(0, eq);
            String[] dims = part.substring(eq + 1).split("[,x×]");
            long[] values = new long[dims.length];
            try {
                for (int i = 0; i < dims.length; i++) {
                    values[i] = Long.parseLong(dims[i].trim());
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Inputs: '" + part + "' has a size that is not a whole number.");
            }
            boolean isInput = model.graph().inputs().stream().anyMatch(v -> v.name().equals(name));
            if (isInput) {
                builder.shape(name, values);
            } else if (values.length == 1) {
                builder.dim(name, values[0]);
            } else {
                throw new InvalidInputException("Inputs: the model has no input named '" + name + "'.");
            }
        }
        return builder.build();
    }

    /** Settings slower than this many times the defaults sit on the chart's top edge, so the fast ones stay apart. */
    private static final double CLIP = 5;

    private void add(Candidate c) {
        rows.add(c);
        if (c.latency() == null || Double.isNaN(c.maxAbsError())) {
            return;
        }
        XYChart.Data<Number, Number> point = new XYChart.Data<>(c.maxAbsError(), c.p50Ms());
        point.setExtraValue(c.p50Ms());
        (c.agrees() ? agreeing : disagreeing).getData().add(point);
        clipSlowPoints();
    }

    /** Caps the latency axis at {@link #CLIP}× the defaults' p50 and draws slower settings at the cap. */
    private void clipSlowPoints() {
        double reference = rows.stream().filter(Candidate::isDefault).filter(r -> r.latency() != null)
                .mapToDouble(Candidate::p50Ms).findFirst().orElse(Double.NaN);
        if (Double.isNaN(reference)) {
            return;
        }
        double cap = reference * CLIP;
        double top = 0;
        int clipped = 0;
        for (var series : List.of(agreeing, disagreeing)) {
            for (var point : series.getData()) {
                double p50 = (Double) point.getExtraValue();
                point.setYValue(Math.min(p50, cap));
                top = Math.max(top, Math.min(p50, cap));
                clipped += p50 > cap ? 1 : 0;
            }
        }
        NumberAxis y = (NumberAxis) scatter.getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(top * 1.08);
        y.setTickUnit(Math.max(top / 8, 1e-6));
        scatter.setTitle(clipped == 0 ? "Latency against error"
                : "Latency against error (" + clipped + " above " + (int) CLIP + "× default, at top)");
    }

    private void finished(TuneReport r) {
        report.set(r);
        progress.setProgress(1);
        if (r.best() == null) {
            best.setText("No setting ran with outputs that agree with the CPU reference.");
            status.setText(r.cancelled() ? "Cancelled before anything agreeing was measured." : "Done.");
            return;
        }
        winner.getData().setAll(new XYChart.Data<>(r.best().maxAbsError(), r.best().p50Ms()));
        best.setText(String.format(Locale.ROOT, "Best: %s — p50 %s ms, p99 %s ms; defaults p50 %s ms, p99 %s ms "
                        + "(%.2f× faster). %s", r.best().label(), number(r.bestLatency().p50()), number(r.bestLatency().p99()),
                r.defaultLatency() == null ? "–" : number(r.defaultLatency().p50()),
                r.defaultLatency() == null ? "–" : number(r.defaultLatency().p99()), r.speedup(), r.finalRound()));
        for (Button b : List.of(save, copyJava, copyPython, use)) {
            b.setDisable(false);
        }
        long measured = r.candidates().stream().filter(c -> c.latency() != null).count();
        status.setText(String.format(Locale.ROOT, "%s: %d settings measured in %.0f s.", r.cancelled() ? "Cancelled"
                : "Done", measured, r.elapsedSeconds()));
    }

    private void chooseAndSave() {
        TuneReport r = report.get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Session Config");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Session configs (*.json)", "*.json"));
        chooser.setInitialFileName("best.json");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            save(r, file.toPath());
        }
    }

    /** Writes the config and the snippets beside it in the background. */
    void save(TuneReport r, Path file) {
        BackgroundTask.wrap(() -> TunedConfig.save(r, file)).withTitle("Saving " + file.getFileName())
                .onSuccess(paths -> status.setText("Saved " + String.join(", ", paths.stream()
                        .map(p -> p.getFileName().toString()).toList()) + " in " + file.toAbsolutePath().getParent()))
                .onFailure(error -> status.setText("Not saved: " + error.getMessage()))
                .executeWith(services.tasks());
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static TableColumn<Candidate, String> column(String title, double width,
                                                         java.util.function.Function<Candidate, String> value) {
        TableColumn<Candidate, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
