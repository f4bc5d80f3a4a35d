package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.ProviderProbe;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precisionaxis.Precision;
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
    private final TuneViewModel vm;
    final TextField budget = new TextField("60");
    final TextField sizes = new TextField();
    final CheckBox cuda = new CheckBox("CUDA");
    final CheckBox tensorRt = new CheckBox("TensorRT");
    final CheckBox fp16 = new CheckBox("FP16");
    final CheckBox int8Dynamic = new CheckBox("INT8 dynamic");
    final CheckBox int8Static = new CheckBox("INT8 static");
    final TextField maxAbs = new TextField("1e-3");
    final TextField maxRel = new TextField("1e-2");
    final TextField calibration = new TextField();
    final TextField variants = new TextField();
    final Button start = new Button("Tune");
    final Button cancel = new Button("Cancel");
    final ProgressBar progress = new ProgressBar(0);
    final Label status = new Label();
    final Label inputs = new Label();
    final TableView<Candidate> table = new TableView<>();
    final ScatterChart<Number, Number> scatter;
    private final XYChart.Series<Number, Number> agreeing = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> disagreeing = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> winner = new XYChart.Series<>();
    final Label best = new Label();
    final Button save = new Button("Save Config…");
    final Button copyJava = new Button("Copy Java");
    final Button copyPython = new Button("Copy Python");
    final Button use = new Button("Use in Predict and Compare");

    public TuneView(AppServices services, TuneViewModel vm) {
        this.services = services;
        this.vm = vm;
        getStyleClass().add("tune-view");
        getStylesheets().add(TuneView.class.getResource("tune.css").toExternalForm());
        budget.setPrefColumnCount(4);
        sizes.setPromptText("the Predict form's, or sizes: x=1,3,320,320");
        sizes.setPrefColumnCount(18);
        sizes.setTooltip(new Tooltip("Free dimensions: INPUT=D0,D1,… for a whole shape, or NAME=SIZE for a named "
                + "dimension; separate with spaces. The batch is 1 unless you say otherwise; values are random (seed 42). "
                + "Empty: the Predict form's inputs (random values, seed 42, when the form is not filled in)."));
        cuda.setSelected(true);
        tensorRt.setSelected(true);
        start.setDefaultButton(true);
        start.setOnAction(e -> run());
        start.disableProperty().bind(vm.state().slot().busyProperty());
        cancel.disableProperty().bind(vm.state().slot().busyProperty().not());
        cancel.setOnAction(e -> vm.state().cancel());
        progress.setPrefWidth(140);
        progress.progressProperty().bind(vm.state().progressProperty());
        progress.visibleProperty().bind(vm.state().slot().busyProperty());
        fp16.setId("tune-precision-fp16");
        int8Dynamic.setId("tune-precision-int8-dynamic");
        int8Static.setId("tune-precision-int8-static");
        maxAbs.setId("tune-precision-atol");
        maxRel.setId("tune-precision-rtol");
        maxAbs.setPrefColumnCount(4);
        maxRel.setPrefColumnCount(4);
        Tooltip gate = new Tooltip("A lower-precision copy wins only if every output element is within the absolute "
                + "or the relative error of FP32's (Polygraphy's rule); one over both is rejected, with its error.");
        maxAbs.setTooltip(gate);
        maxRel.setTooltip(gate);
        int8Static.setTooltip(new Tooltip("Calibrated on the calibration folder, or on the tuning inputs when it is "
                + "empty (then its agreement is optimistic)."));
        calibration.setId("tune-calibration");
        calibration.setPromptText("calibration folder");
        calibration.setPrefColumnCount(14);
        calibration.setTooltip(new Tooltip("A folder of images, .npy files or test_data_set_N folders (as tune "
                + "--calibrate DIR); empty: the tuning inputs."));
        calibration.disableProperty().bind(int8Static.selectedProperty().not());
        Button chooseCalibration = new Button("Folder…");
        chooseCalibration.setId("tune-calibration-choose");
        chooseCalibration.disableProperty().bind(int8Static.selectedProperty().not());
        chooseCalibration.setOnAction(e -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("Choose INT8 static's calibration folder");
            java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                calibration.setText(dir.toString());
            }
        });
        variants.setId("tune-variants");
        variants.setPromptText("variant .onnx files");
        variants.setPrefColumnCount(14);
        variants.setTooltip(new Tooltip("Other .onnx files of this model (a copy quantized or edited elsewhere), "
                + "separated by ';': each is a candidate, gated like the copies (as tune --variant)."));
        Button chooseVariants = new Button("Add…");
        chooseVariants.setId("tune-variants-choose");
        chooseVariants.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Choose other .onnx files of this model to tune");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
            List<java.io.File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
            if (files != null) {
                variants.setText(dev.onnxworkbench.app.compare.PrecisionSources.withVariants(variants.getText(),
                        files.stream().map(java.io.File::toPath).toList()));
            }
        });
        FlowPane form = new FlowPane(8, 6, new Label("Budget (s)"), budget, new Label("Providers: CPU"), cuda, tensorRt,
                new Label("Inputs"), sizes, new Label("Precision: FP32"), fp16, int8Dynamic, int8Static,
                calibration, chooseCalibration, new Label("Variants"), variants, chooseVariants,
                new Label("max error vs FP32: abs"), maxAbs, new Label("rel"), maxRel, start, cancel, progress);
        // The status and the inputs wrap on lines of their own: a refusal never runs past the window's edge.
        status.setId("tune-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.state().messageProperty());
        vm.state().phaseProperty().addListener((obs, was, phase) -> {
            status.getStyleClass().remove("error-text");
            if (phase == dev.onnxworkbench.app.task.RunState.Phase.FAILED) {
                status.getStyleClass().add("error-text");
            }
        });
        inputs.setId("tune-inputs");
        inputs.setWrapText(true);
        inputs.getStyleClass().add("muted");
        inputs.textProperty().bind(vm.inputsProperty());
        javafx.scene.layout.VBox top = new javafx.scene.layout.VBox(4, form, status, inputs);
        top.setPadding(new Insets(8));
        setTop(top);

        table.setItems(vm.candidates());
        table.setPlaceholder(new Label("Candidates appear here as they are measured."));
        table.getColumns().add(column("Setting", 330, Candidate::shortLabel));
        table.getColumns().add(column("Precision", 140, Candidate::precisionLabel));
        table.getColumns().add(column("Status", 90, c -> c.status().jsonName()));
        table.getColumns().add(column("p50 ms", 80, c -> number(c.p50Ms())));
        table.getColumns().add(column("p99 ms", 80, c -> number(c.p99Ms())));
        table.getColumns().add(column("max |error|", 90, c -> Double.isNaN(c.maxAbsError()) ? "–"
                : String.format(Locale.ROOT, "%.2g", c.maxAbsError())));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Candidate c, boolean empty) {
                super.updateItem(c, empty);
                pseudoClassStateChanged(REJECTED, !empty && c != null && c.status() == Candidate.Status.REJECTED);
            }
        });
        table.getColumns().add(column("Reason", 260, c -> c.reason() == null ? "" : c.reason()));

        NumberAxis x = new NumberAxis();
        x.setLabel("largest |error| against the CPU reference");
        x.setForceZeroInRange(true);
        // Bounds and ticks set here (1, 2 or 5 × 10^k, about five): auto-ranging crowded eleven labels on an
        // empty chart and odd steps on a full one.
        x.setAutoRanging(false);
        x.setTickLabelFormatter(new NumberAxis.DefaultFormatter(x) {
            @Override
            public String toString(Number value) {
                return NiceTicks.label(value.doubleValue());
            }
        });
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("p50 latency (ms)");
        scatter = new ScatterChart<>(x, y);
        scatter.setTitle("Latency against error");
        scatter.setAnimated(false);
        agreeing.setName("agrees");
        disagreeing.setName("disagrees / rejected");
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
        copyJava.setOnAction(e -> copy(SessionSnippets.java(report().best().settings(), winnerFile())));
        copyPython.setOnAction(e -> copy(SessionSnippets.python(report().best().settings(), winnerFile())));
        use.setOnAction(e -> {
            services.sessionConfig().set(new SessionConfigChoice.Loaded(Path.of("tuned settings"), report().best().settings()));
            vm.state().say("Predict and Compare now use " + report().best().label() + ".");
        });
        HBox actions = new HBox(8, save, copyJava, copyPython, use);
        BorderPane bottom = new BorderPane(best, null, null, actions, null);
        bottom.setPadding(new Insets(8));
        HBox.setHgrow(best, Priority.ALWAYS);
        setBottom(bottom);
        vm.candidates().addListener((javafx.collections.ListChangeListener<Candidate>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::plot);
            }
            if (vm.candidates().isEmpty()) {
                clearChart();
            }
        });
        vm.reportProperty().addListener((obs, old, r) -> {
            if (r != null) {
                finished(r);
            }
        });
        showModel(null);
    }

    private TuneReport report() {
        return vm.reportProperty().get();
    }

    public TuneViewModel viewModel() {
        return vm;
    }

    public void showModel(Model model) {
        vm.showModel(model);
        clearChart();
    }

    private void clearChart() {
        agreeing.getData().clear();
        disagreeing.getData().clear();
        winner.getData().clear();
        rescaleX();
        scatter.getYAxis().setAutoRanging(true);
        scatter.setTitle("Latency against error");
        best.setText("");
        for (Button b : List.of(save, copyJava, copyPython, use)) {
            b.setDisable(true);
        }
    }

    public ReadOnlyObjectProperty<TuneReport> reportProperty() {
        return vm.reportProperty();
    }

    /** Starts tuning with the form's settings. */
    void run() {
        EnumSet<ExecutionProvider> extra = EnumSet.noneOf(ExecutionProvider.class);
        if (cuda.isSelected()) {
            extra.add(ExecutionProvider.CUDA);
        }
        if (tensorRt.isSelected()) {
            extra.add(ExecutionProvider.TENSORRT);
        }
        clearChart();
        java.util.Set<Precision> precisions = EnumSet.noneOf(Precision.class);
        if (fp16.isSelected()) {
            precisions.add(Precision.FP16);
        }
        if (int8Dynamic.isSelected()) {
            precisions.add(Precision.INT8_DYNAMIC);
        }
        if (int8Static.isSelected()) {
            precisions.add(Precision.INT8_STATIC);
        }
        vm.run(budget.getText(), extra, sizes.getText(), precisions, maxAbs.getText(), maxRel.getText(),
                calibration.getText(), variants.getText());
    }

    /** Settings slower than this many times the defaults sit on the chart's top edge, so the fast ones stay apart. */
    private static final double CLIP = 5;

    private void plot(Candidate c) {
        if (c.latency() == null || Double.isNaN(c.maxAbsError())) {
            return;
        }
        XYChart.Data<Number, Number> point = new XYChart.Data<>(c.maxAbsError(), c.p50Ms());
        point.setExtraValue(c.p50Ms());
        (c.agrees() ? agreeing : disagreeing).getData().add(point);
        rescaleX();
        clipSlowPoints();
    }

    /** The error axis from 0 to a round number above the largest error, in about five round steps. */
    private void rescaleX() {
        double max = 0;
        for (var series : List.of(agreeing, disagreeing)) {
            for (var point : series.getData()) {
                max = Math.max(max, point.getXValue().doubleValue());
            }
        }
        NumberAxis x = (NumberAxis) scatter.getXAxis();
        double unit = max > 0 ? NiceTicks.unit(max * 1.05, 5) : 0.2;
        x.setLowerBound(0);
        x.setUpperBound(max > 0 ? Math.ceil(max * 1.05 / unit) * unit : 1);
        x.setTickUnit(unit);
    }

    /** Caps the latency axis at {@link #CLIP}× the defaults' p50 and draws slower settings at the cap. */
    private void clipSlowPoints() {
        double reference = vm.candidates().stream().filter(Candidate::isDefault).filter(r -> r.latency() != null)
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
        double unit = NiceTicks.unit(top * 1.08, 6);
        y.setUpperBound(Math.ceil(top * 1.08 / unit) * unit);
        y.setTickUnit(unit);
        y.setMinorTickVisible(false);
        scatter.setTitle(clipped == 0 ? "Latency against error"
                : "Latency against error (" + clipped + " above " + (int) CLIP + "× default, at top)");
    }

    private void finished(TuneReport r) {
        if (r.best() == null) {
            best.setText(r.cancelled() ? "Cancelled before anything agreeing was measured."
                    : "No setting ran with outputs that agree with the CPU reference.");
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
        // Predict and Compare run the model file itself; a winning copy is reached by saving it (beside the config).
        use.setDisable(r.best().precision() != null);
        if (r.best().precision() != null) {
            best.setText(best.getText() + " The winner runs the " + r.best().precisionLabel() + " copy: Save Config… "
                    + "writes it beside the config.");
        }
    }

    /** The model file the winner runs: the model, or its lower-precision copy. */
    private String winnerFile() {
        return report().best().file(Path.of(report().model())).toString();
    }

    private void chooseAndSave() {
        TuneReport r = report();
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
        vm.save(r, file);
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static final javafx.css.PseudoClass REJECTED = javafx.css.PseudoClass.getPseudoClass("rejected");

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
