package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diverge.DivergenceFinder;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Run ▸ Find Divergence…: two runs of the current model (or of it against another model), the first divergent
 * node outlined on the graph, error heat downstream, and a table of every compared tensor; clicking a row centres
 * its node. The search runs in the background in one slot (a new search supersedes the old one).
 */
public final class DivergencePane extends BorderPane {
    private final DivergenceForm form = new DivergenceForm();
    private final GraphView graph = new GraphView();
    private final TableView<TensorDivergence> table = new TableView<>();
    private final Label status = new Label("Choose the two runs and press Find Divergence.");
    private final Label inputs = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button find = new Button("Find Divergence");
    private final Button cancel = new Button("Cancel");
    private final javafx.scene.control.CheckBox hideAgreeingWeights =
            new javafx.scene.control.CheckBox("Hide weights that agree");
    private final TaskExecutor tasks;
    private final DiagramMapper mapper;
    private final DivergenceViewModel vm;
    /** Drawing run A's graph: a new model supersedes the old drawing. */
    private final TaskSlot drawing = new TaskSlot();
    private NodeIds ids;

    public DivergencePane(TaskExecutor tasks, DiagramMapper mapper, SessionFactory sessions) {
        this.tasks = tasks;
        this.mapper = mapper;
        this.vm = new DivergenceViewModel(tasks, new DivergenceFinder(sessions));
        TaskSlot slot = vm.state().slot();
        getStyleClass().add("divergence-pane");
        getStylesheets().add(DiffPane.class.getResource("runs.css").toExternalForm());
        setId("divergence-pane");
        find.setId("divergence-find");
        find.getStyleClass().add("accent");
        find.setDefaultButton(true);
        find.setOnAction(e -> start());
        cancel.setId("divergence-cancel");
        cancel.setOnAction(e -> vm.state().cancel());
        cancel.disableProperty().bind(slot.busyProperty().not());
        find.disableProperty().bind(slot.busyProperty());
        status.setId("divergence-status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        progress.setPrefWidth(160);
        progress.visibleProperty().bind(slot.busyProperty());
        progress.progressProperty().bind(vm.state().progressProperty());
        status.textProperty().bind(vm.state().messageProperty());
        vm.reportProperty().addListener((obs, old, r) -> {
            if (r != null) {
                show(r);
            }
        });
        vm.inputsProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                inputs.setText(now);
            }
        });
        form.chooseReference().setOnAction(e -> chooseReference());

        find.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        hideAgreeingWeights.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        hideAgreeingWeights.setId("divergence-hide-weights");
        // Exporters that keep weights in Constant nodes put hundreds of agreeing weights first in the order.
        hideAgreeingWeights.setSelected(true);
        hideAgreeingWeights.selectedProperty().addListener((obs, old, now) -> fillTable());
        HBox actions = new HBox(8, find, cancel, hideAgreeingWeights, progress, status);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        inputs.setId("divergence-inputs");
        inputs.setWrapText(true);
        inputs.getStyleClass().add("muted");
        form.predictInputs().selectedProperty().addListener((obs, was, now) -> describeInputs());
        form.predictInputs().visibleProperty().addListener((obs, was, now) -> describeInputs());
        VBox top = new VBox(8, form, actions, inputs);
        top.setPadding(new Insets(10));
        setTop(top);

        buildTable();
        SplitPane split = new SplitPane(graph, table);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        setCenter(split);
        graph.setOnNodeClicked(n -> selectRowOf(n.id()));
    }

    public GraphView graph() {
        return graph;
    }

    public TableView<TensorDivergence> table() {
        return table;
    }

    public DivergenceForm form() {
        return form;
    }

    public javafx.scene.control.CheckBox hideAgreeingWeights() {
        return hideAgreeingWeights;
    }

    public Label status() {
        return status;
    }

    /** The line naming the inputs the search runs on (or ran on). */
    public Label inputs() {
        return inputs;
    }

    private void describeInputs() {
        inputs.setText(form.predictInputs().isVisible() && form.predictInputs().isSelected()
                ? "Inputs: the Predict form's — " + form.predictSummary()
                : "Inputs: random values from the seed, at the shapes given (the Predict form is not filled in, "
                        + "or its inputs are unticked).");
    }

    public ReadOnlyObjectProperty<DivergenceReport> reportProperty() {
        return vm.reportProperty();
    }

    public DivergenceViewModel viewModel() {
        return vm;
    }

    /** Shows run A's model and maps its graph in the background. */
    public void showModel(Model value) {
        vm.showModel(value);
        this.ids = null;
        table.getItems().clear();
        graph.setDecorations(Decorations.NONE);
        form.showModel(value);
        describeInputs();
        BackgroundTask.wrap(() -> new NodeIds(mapper.map(value.graph(), DiagramOptions.DEFAULT, n -> false)))
                .withTitle("Drawing " + value.path().getFileName()).inSlot(drawing)
                .onSuccess(mapped -> {
                    ids = mapped;
                    graph.setDiagram(mapped.mapped().diagram());
                    if (vm.reportProperty().get() != null) {
                        graph.setDecorations(ErrorHeat.of(vm.reportProperty().get(), ids, graph.getPalette()));
                    }
                })
                .onFailure(e -> vm.refuse("The graph could not be drawn: " + e.getMessage()))
                .executeWith(tasks);
    }

    /** Starts a search with the form's settings (a setting that does not parse is shown, nothing runs). */
    public void start() {
        Model model = vm.modelProperty().get();
        if (model == null) {
            vm.refuse("Open a model first: Run A is the model open in the main window.");
            return;
        }
        try {
            vm.find(form.request(model));
        } catch (WorkbenchException e) {
            vm.refuse(e.getMessage());
        }
    }

    private void show(DivergenceReport r) {
        fillTable();
        if (ids != null) {
            graph.setDecorations(ErrorHeat.of(r, ids, graph.getPalette()));
            // Centred, not selected: the selection outline would hide the error outline.
            r.firstDivergent().ifPresent(t -> {
                table.scrollTo(t);
                String id = ids.idOfTensor(t.name());
                if (id != null) {
                    graph.centerOn(id);
                }
            });
        }
    }

    private void fillTable() {
        DivergenceReport r = vm.reportProperty().get();
        if (r == null) {
            table.getItems().clear();
            return;
        }
        table.getItems().setAll(r.tensors().stream()
                .filter(t -> !(hideAgreeingWeights.isSelected() && t.pass() && t.opType().equals("Constant")))
                .toList());
    }

    private void centre(TensorDivergence t) {
        String id = ids == null ? null : ids.idOfTensor(t.name());
        if (id != null) {
            graph.setSelectedNodeId(id);
            graph.centerOn(id);
        }
    }

    private void selectRowOf(String diagramId) {
        if (ids == null) {
            return;
        }
        for (TensorDivergence t : table.getItems()) {
            if (diagramId.equals(ids.idOfTensor(t.name()))) {
                table.getSelectionModel().select(t);
                table.scrollTo(t);
                return;
            }
        }
    }

    private void buildTable() {
        table.setId("divergence-table");
        table.setPlaceholder(new Label("No comparison yet."));
        table.getColumns().add(column("", 28, t -> t.pass() ? "✓" : "✗"));
        table.getColumns().add(column("Tensor", 150, TensorDivergence::name));
        table.getColumns().add(column("Operator", 90, TensorDivergence::opType));
        table.getColumns().add(column("Max abs", 70, t -> ErrorHeat.short3(t.error().maxAbsError())));
        table.getColumns().add(column("Max rel", 70, t -> ErrorHeat.short3(t.error().maxRelError())));
        table.getColumns().add(column("Mean abs", 70, t -> ErrorHeat.short3(t.error().meanAbsError())));
        table.getColumns().add(column("Failing", 80, t -> t.error().message().isEmpty()
                ? Long.toString(t.error().failing()) : t.error().message()));
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(TensorDivergence item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("divergence-fail");
                if (!empty && item != null && !item.pass()) {
                    getStyleClass().add("divergence-fail");
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                centre(now);
            }
        });
    }

    private static TableColumn<TensorDivergence, String> column(String title, double width,
                                                                Function<TensorDivergence, String> value) {
        TableColumn<TensorDivergence, String> c = new TableColumn<>(title);
        // Never narrower than its title: "Mean abs" at 70 px read "Mean ...".
        double titleWidth = title.isEmpty() ? 0 : new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.15 + 24;
        c.setMinWidth(Math.max(24, titleWidth));
        c.setPrefWidth(Math.max(width, titleWidth));
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private void chooseReference() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Model of Run B");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx"));
        Model model = vm.modelProperty().get();
        if (model != null && model.path() != null && model.path().getParent() != null) {
            chooser.setInitialDirectory(model.path().getParent().toFile());
        }
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            form.referenceModel().setText(file.toString());
        }
    }

    /** Stops a running search (the window was closed). */
    public void cancel() {
        vm.state().cancel();
    }
}
