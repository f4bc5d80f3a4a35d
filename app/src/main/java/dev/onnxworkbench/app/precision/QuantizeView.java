package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.models.HumanUnits;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.precision.CalibrationMethod;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Quantize / Convert window: the choices on the left, the result on the right (what was changed and kept and
 * why, sizes, accuracy against the original, per-layer error — click a row to keep that node in float).
 */
public final class QuantizeView extends BorderPane {
    private final QuantizeViewModel vm;
    private final ListView<String> summary = new ListView<>();
    private final Label sizes = new Label();
    private final Label evaluated = new Label();
    private final TableView<AccuracyReport.OutputAccuracy> accuracy = new TableView<>();
    private final TableView<TensorDivergence> layers = new TableView<>();

    public QuantizeView(QuantizeViewModel vm) {
        this.vm = vm;
        getStyleClass().add("quantize-view");
        setLeft(form());
        setCenter(results());
        vm.resultProperty().addListener((o, was, now) -> show(now));
        show(vm.result());
    }

    public QuantizeViewModel viewModel() {
        return vm;
    }

    private VBox form() {
        ComboBox<PrecisionMode> mode = new ComboBox<>(FXCollections.observableArrayList(PrecisionMode.values()));
        mode.setId("precision-mode");
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        ComboBox<CalibrationMethod> method = new ComboBox<>(FXCollections.observableArrayList(CalibrationMethod.values()));
        method.setId("precision-method");
        method.valueProperty().bindBidirectional(vm.methodProperty());
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(CalibrationMethod m) {
                return m == null ? "" : m.displayName();
            }

            @Override
            public CalibrationMethod fromString(String text) {
                return CalibrationMethod.parse(text).orElse(null);
            }
        });
        CheckBox perChannel = new CheckBox("Per-channel weight scales (opset 13+)");
        perChannel.selectedProperty().bindBidirectional(vm.perChannelProperty());
        TextArea exclusions = new TextArea();
        exclusions.setId("precision-exclusions");
        exclusions.setPrefRowCount(4);
        exclusions.setPromptText("node names, output names or operator types, one a line");
        exclusions.textProperty().bindBidirectional(vm.exclusionsProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        int row = 0;
        grid.addRow(row++, new Label("Mode"), mode);
        grid.addRow(row++, new Label("Calibration"), folder(vm.calibrationFolderProperty(), "precision-calibration",
                "a folder of samples (test_data_set_N, .npy/.pb files or images)", false));
        grid.addRow(row++, new Label("Evaluation"), folder(vm.evaluationFolderProperty(), "precision-evaluation",
                "empty: the Predict form's inputs", true));
        grid.addRow(row++, new Label("Method"), method);
        grid.add(perChannel, 1, row++);
        grid.addRow(row++, new Label("Keep in float"), exclusions);
        var isStatic = Bindings.createBooleanBinding(() -> vm.modeProperty().get() != null
                && vm.modeProperty().get().isStatic(), vm.modeProperty());
        var isInt8 = Bindings.createBooleanBinding(() -> vm.modeProperty().get() != PrecisionMode.FP16,
                vm.modeProperty());
        grid.getChildren().stream().filter(n -> GridPane.getRowIndex(n) != null && (GridPane.getRowIndex(n) == 1
                || GridPane.getRowIndex(n) == 3)).forEach(n -> n.disableProperty().bind(isStatic.not()));
        perChannel.disableProperty().bind(isInt8.not());

        Button start = new Button("Start");
        start.setId("precision-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("precision-cancel");
        cancel.setOnAction(e -> vm.cancel());
        var running = Bindings.equal(RunState.Phase.RUNNING, vm.run().phaseProperty());
        start.disableProperty().bind(running.or(vm.modelProperty().isNull()));
        cancel.disableProperty().bind(running.not());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.run().progressProperty());
        progress.visibleProperty().bind(running);
        progress.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.setId("precision-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.run().messageProperty());

        Button save = new Button("Save As…");
        save.setId("precision-save");
        save.disableProperty().bind(vm.resultProperty().isNull().or(running));
        save.setOnAction(e -> saveAs());
        Label saved = new Label();
        saved.setWrapText(true);
        saved.textProperty().bind(vm.save().messageProperty());

        VBox box = new VBox(10, grid, new HBox(8, start, cancel), progress, status, new HBox(8, save), saved);
        box.setPadding(new Insets(12));
        box.setPrefWidth(460);
        return box;
    }

    private HBox folder(ObjectProperty<Path> property, String id, String prompt, boolean clearable) {
        TextField field = new TextField();
        field.setId(id);
        field.setEditable(false);
        field.setPromptText(prompt);
        field.setPrefColumnCount(18);
        field.textProperty().bind(Bindings.createStringBinding(() -> property.get() == null ? ""
                : property.get().toString(), property));
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(prompt);
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                property.set(dir.toPath());
            }
        });
        choose.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        field.setMinWidth(60);
        HBox box = new HBox(4, field, choose);
        HBox.setHgrow(field, Priority.ALWAYS);
        if (clearable) {
            Button clear = new Button("Clear");
            clear.setOnAction(e -> property.set(null));
            clear.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            box.getChildren().add(clear);
        }
        return box;
    }

    private SplitPane results() {
        summary.setId("precision-summary");
        summary.setPrefHeight(160);
        sizes.setId("precision-sizes");
        accuracy.setId("precision-accuracy");
        accuracy.setPrefHeight(120);
        accuracy.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        accuracy.getColumns().add(text("Output", AccuracyReport.OutputAccuracy::name));
        accuracy.getColumns().add(number("Max |Δ|", AccuracyReport.OutputAccuracy::maxAbsError));
        accuracy.getColumns().add(number("Mean |Δ|", AccuracyReport.OutputAccuracy::meanAbsError));
        accuracy.getColumns().add(number("Max rel", AccuracyReport.OutputAccuracy::maxRelError));
        accuracy.getColumns().add(number("Mean |original|", AccuracyReport.OutputAccuracy::referenceAbsMean));
        accuracy.getColumns().add(text("Top-1 agreement", a -> a.classifier()
                ? String.format(Locale.ROOT, "%.1f %%", 100 * a.top1Agreement()) : "—"));

        layers.setId("precision-layers");
        layers.setPlaceholder(new Label("Per-layer error appears here after an INT8 run."));
        layers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        layers.getColumns().add(text("Tensor", TensorDivergence::name));
        layers.getColumns().add(text("Node", TensorDivergence::node));
        layers.getColumns().add(text("Operator", TensorDivergence::opType));
        layers.getColumns().add(number("Mean |Δ|", t -> t.error().meanAbsError()));
        layers.getColumns().add(number("Max |Δ|", t -> t.error().maxAbsError()));
        layers.getColumns().add(number("Max rel", t -> t.error().maxRelError()));
        layers.setRowFactory(table -> {
            TableRow<TensorDivergence> row = new TableRow<>();
            row.setTooltip(new Tooltip("Click: keep this node in float on the next Start"));
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    vm.keepInFloat(row.getItem().node());
                }
            });
            return row;
        });
        Label layersTitle = new Label("Per-layer error (INT8 against the original on the first evaluation sample; "
                + "click a row to keep its node in float)");
        layersTitle.setWrapText(true);
        VBox top = new VBox(6, new Label("What changed"), summary, sizes, evaluated, new Label("Accuracy against the "
                + "original"), accuracy);
        VBox bottom = new VBox(6, layersTitle, layers);
        VBox.setVgrow(layers, Priority.ALWAYS);
        VBox.setVgrow(summary, Priority.ALWAYS);
        top.setPadding(new Insets(12));
        bottom.setPadding(new Insets(12));
        evaluated.setWrapText(true);
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        return split;
    }

    private void show(PrecisionResult r) {
        if (r == null) {
            summary.getItems().clear();
            sizes.setText("");
            evaluated.setText("");
            accuracy.getItems().clear();
            layers.getItems().clear();
            return;
        }
        summary.getItems().setAll(r.summary());
        sizes.setText(String.format(Locale.ROOT, "Size: %s → %s (%.0f %%)", HumanUnits.bytes(r.bytesBefore()),
                HumanUnits.bytes(r.bytesAfter()), 100.0 * r.bytesAfter() / Math.max(1, r.bytesBefore())));
        evaluated.setText("Measured on " + r.evaluated() + ", CPU provider.");
        accuracy.getItems().setAll(r.accuracy().outputs());
        layers.getItems().setAll(r.layers());
    }

    private void saveAs() {
        PrecisionResult r = vm.result();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the converted model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
        chooser.setInitialFileName(r.written().getFileName().toString());
        if (r.source().getParent() != null) {
            chooser.setInitialDirectory(r.source().getParent().toFile());
        }
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            vm.saveAs(file.toPath());
        }
    }

    private static <T> TableColumn<T, String> text(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private static <T> TableColumn<T, Double> number(String title, Function<T, Double> value) {
        TableColumn<T, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4g", v));
            }
        });
        return c;
    }
}
