package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.graphview.GraphView;
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
    private final GraphView graph = new GraphView();
    private final Label graphStatus = new Label();
    private final MainGraphHeat mainGraph;

    public QuantizeView(QuantizeViewModel vm) {
        this(vm, null);
    }

    /** @param mainGraph the main window's graph, to show the heat there too; null for none */
    public QuantizeView(QuantizeViewModel vm, MainGraphHeat mainGraph) {
        this.vm = vm;
        this.mainGraph = mainGraph;
        getStyleClass().add("quantize-view");
        setLeft(form());
        setCenter(results());
        vm.resultProperty().addListener((o, was, now) -> show(now));
        vm.exclusionsProperty().addListener((o, was, now) -> redraw());
        vm.graphProperty().addListener((o, was, now) -> {
            graph.setDiagram(now == null ? null : now.mapped().diagram());
            redraw();
        });
        if (vm.graphProperty().get() != null) {
            graph.setDiagram(vm.graphProperty().get().mapped().diagram());
        }
        graph.setOnNodeClicked(n -> clicked(n.id()));
        show(vm.result());
    }

    /** The result's graph: the original model with the marks and heat. */
    public GraphView graph() {
        return graph;
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
        Label media = new Label();
        media.setId("precision-media");
        media.setWrapText(true);
        media.getStyleClass().add("muted");
        media.textProperty().bind(vm.mediaProperty());
        grid.add(media, 1, row++);
        Label keep = new Label("Keep in float");
        // The label of a multi-line field sits at its first line, not at its middle.
        GridPane.setValignment(keep, javafx.geometry.VPos.TOP);
        keep.setPadding(new Insets(4, 0, 0, 0));
        grid.addRow(row++, keep, exclusions);
        var isStatic = Bindings.createBooleanBinding(() -> vm.modeProperty().get() != null
                && vm.modeProperty().get().isStatic(), vm.modeProperty());
        var isInt8 = Bindings.createBooleanBinding(() -> vm.modeProperty().get() != PrecisionMode.FP16,
                vm.modeProperty());
        grid.getChildren().stream().filter(n -> GridPane.getRowIndex(n) != null && (GridPane.getRowIndex(n) == 1
                || GridPane.getRowIndex(n) == 3)).forEach(n -> n.disableProperty().bind(isStatic.not()));
        perChannel.disableProperty().bind(isInt8.not());

        Button start = new Button();
        start.textProperty().bind(Bindings.when(vm.resultProperty().isNull()).then("Start").otherwise("Re-quantize"));
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
        box.setPrefWidth(400);
        box.setMinWidth(360);
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
        layers.getColumns().add(number("Mean |original|", t -> t.error().meanAbsReference()));
        layers.getColumns().add(number("Mean |Δ| / |original|", t -> t.error().relativeMeanError()));
        layers.getColumns().add(text("Kept", t -> vm.excluded().contains(t.node()) ? "float" : ""));
        layers.setRowFactory(table -> {
            TableRow<TensorDivergence> row = new TableRow<>();
            row.setTooltip(new Tooltip("Click: keep this node in float on the next run (click again to undo)"));
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    vm.toggleKeepInFloat(row.getItem().node());
                    centre(row.getItem());
                }
            });
            return row;
        });
        Label layersTitle = new Label("Per-layer error (INT8 against the original on the first evaluation sample; "
                + "click a row or a box to keep its node in float)");
        layersTitle.setWrapText(true);
        VBox left = new VBox(6, new Label("What changed"), summary, sizes, evaluated, new Label("Accuracy against the "
                + "original"), accuracy, layersTitle, layers);
        VBox.setVgrow(layers, Priority.ALWAYS);
        summary.setPrefHeight(130);
        summary.setMinHeight(80);
        accuracy.setMinHeight(80);
        left.setPadding(new Insets(12));
        evaluated.setWrapText(true);
        sizes.setWrapText(true);
        SplitPane split = new SplitPane(left, graphPanel());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.46);
        return split;
    }

    private VBox graphPanel() {
        graph.setId("precision-graph");
        Label title = new Label("On the graph: error heat (mean |Δ| ÷ mean |original|, yellow small → red large); "
                + "int8 = quantized; outlined = kept in float (dashed: by the quantizer, hover for why; solid: by you). "
                + "Click a box to keep it in float or quantize it again.");
        title.setWrapText(true);
        title.setId("precision-legend");
        graphStatus.setId("precision-graph-status");
        graphStatus.setWrapText(true);
        graphStatus.getStyleClass().add("muted");
        graphStatus.textProperty().bind(vm.graphMessageProperty());
        Button requantize = new Button("Re-quantize");
        requantize.setId("precision-requantize");
        requantize.disableProperty().bind(vm.resultProperty().isNull()
                .or(Bindings.equal(RunState.Phase.RUNNING, vm.run().phaseProperty())));
        requantize.setOnAction(e -> vm.start());
        HBox actions = new HBox(8, requantize);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (mainGraph != null) {
            Button showMain = new Button("Show on Main Graph");
            showMain.setId("precision-show-main");
            showMain.disableProperty().bind(vm.resultProperty().isNull());
            showMain.setOnAction(e -> vm.run().say(mainGraph.show(vm.result(), vm.excluded())));
            Button clearMain = new Button("Clear Main Graph");
            clearMain.setId("precision-clear-main");
            clearMain.setOnAction(e -> vm.run().say(mainGraph.clear()));
            actions.getChildren().addAll(showMain, clearMain);
        }
        VBox box = new VBox(6, title, graphStatus, graph, actions);
        VBox.setVgrow(graph, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        return box;
    }

    /** A box clicked: toggle its node's exclusion and select its row. */
    private void clicked(String diagramId) {
        String node = vm.nodeKey(diagramId);
        if (node == null) {
            return;
        }
        vm.toggleKeepInFloat(node);
        layers.getItems().stream().filter(t -> t.node().equals(node)).findFirst().ifPresent(t -> {
            layers.getSelectionModel().select(t);
            layers.scrollTo(t);
        });
    }

    private void centre(TensorDivergence t) {
        var ids = vm.graphProperty().get();
        String id = ids == null ? null : ids.idOfTensor(t.nameB());
        if (id != null) {
            graph.setSelectedNodeId(id);
            graph.centerOn(id);
        }
    }

    /**
     * Redraws the marks and heat with the colours of the theme now applied (after a theme switch, or once the view
     * is in a scene): the heat colours come from the graph's CSS palette.
     */
    public void refreshColours() {
        applyCss();
        redraw();
    }

    private void redraw() {
        graph.setDecorations(PrecisionMarks.of(vm.result(), vm.excluded(), vm.graphProperty().get(),
                graph.getPalette()));
        layers.refresh();
        if (mainGraph != null) {
            mainGraph.refresh(vm.result(), vm.excluded());
        }
    }

    private void show(PrecisionResult r) {
        if (r == null) {
            summary.getItems().clear();
            sizes.setText("");
            evaluated.setText("");
            accuracy.getItems().clear();
            layers.getItems().clear();
            redraw();
            return;
        }
        summary.getItems().setAll(r.summary());
        sizes.setText(String.format(Locale.ROOT, "Size: %s → %s (%.0f %%)", HumanUnits.bytes(r.bytesBefore()),
                HumanUnits.bytes(r.bytesAfter()), 100.0 * r.bytesAfter() / Math.max(1, r.bytesBefore())));
        evaluated.setText("Measured on " + r.evaluated() + ", CPU provider.");
        accuracy.getItems().setAll(r.accuracy().outputs());
        layers.getItems().setAll(r.layers());
        redraw();
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
        c.setMinWidth(Math.max(headerWidth(title), 96)); // names: enough to tell rows apart, the rest scrolls
        return c;
    }

    private static <T> TableColumn<T, Double> number(String title, Function<T, Double> value) {
        TableColumn<T, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setMinWidth(headerWidth(title));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4g", v));
            }
        });
        return c;
    }

    /**
     * Wide enough for the whole title in the bold header font: the constrained tables otherwise squeeze six
     * columns into "M…", and past their sum the table scrolls sideways instead.
     */
    private static double headerWidth(String title) {
        return Math.max(56, 7.5 * title.length() + 20);
    }
}
