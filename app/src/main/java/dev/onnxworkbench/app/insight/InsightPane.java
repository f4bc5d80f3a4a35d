package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.diagram.ShapeText;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.inspect.TensorReport;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The "Inside" sidebar tab: what happened inside a run of the model, on the inputs of the Predict form.
 * Run and Inspect marks every tensor of the top-level graph as an output, shows the shape each edge
 * actually carried on the graph and every tensor's statistics here; Profile times every node. The graph
 * overlay (actual shapes, time heat, provider, FLOPs) follows the choice at the top.
 */
public final class InsightPane extends BorderPane {
    private final InsightViewModel vm;
    private final GraphView view;
    private final ReadOnlyObjectProperty<MappedGraph> current;
    private final Label what = new Label(InsightViewModel.IDLE);
    private final Label progressText = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button inspect = new Button("Run and Inspect");
    private final Button profile = new Button("Profile");
    private final Button cancel = new Button("Cancel");
    private final Button firstNaN = new Button("Go to first NaN");
    private final ChoiceBox<Overlay> overlay = new ChoiceBox<>(FXCollections.observableArrayList(Overlay.values()));
    private final TensorTable tensors = new TensorTable();
    private final ProfileTable nodes;
    private final Button exportTrace = new Button("Export trace…");
    private final Button exportCsv = new Button("Export CSV…");
    private final TensorDetailsPane details;
    private final TabPane tabs = new TabPane();
    private final Tab tensorsTab = new Tab("Tensors");
    private final Tab profileTab = new Tab("Profile");

    public InsightPane(AppServices services, GraphView view, ReadOnlyObjectProperty<MappedGraph> current,
                       FormInputs inputs) {
        this.vm = new InsightViewModel(services.tasks(), new InsightRunner(services::sessions), inputs);
        this.view = view;
        this.current = current;
        this.details = new TensorDetailsPane(this::exportNpy);
        this.nodes = new ProfileTable(this::centreOnNode);
        setId("insight-pane");
        getStyleClass().add("insight-pane");
        setTop(header());
        setCenter(body());
        wire();
        showModel(null);
    }

    /** Forgets the previous model's results (and cancels its work) when another model opens. */
    public void showModel(Model newModel) {
        vm.showModel(newModel);
        nodes.show(null);
        details.clear();
        what.setText(newModel == null ? InsightViewModel.NO_MODEL : InsightViewModel.IDLE);
        refreshOverlay();
        updateButtons();
    }

    public InsightViewModel viewModel() {
        return vm;
    }

    /** Run ▸ Run and Inspect, on the Predict form's inputs. */
    public void runAndInspect() {
        details.clear();
        vm.runAndInspect();
    }

    /** Inspects a run on the given inputs (another view's input set, or a test's). */
    public void runAndInspect(InputSet set) {
        details.clear();
        vm.runAndInspect(set);
    }

    /** Run ▸ Profile. */
    public void runProfile() {
        vm.runProfile();
    }

    /** Profiles the given inputs' runs (another view's input set, or a test's). */
    public void runProfile(InputSet set) {
        vm.runProfile(set);
    }

    /** True once the current model has been profiled. */
    public boolean hasProfile() {
        return vm.results().profile() != null;
    }

    /** Shows an overlay on the graph (the choice at the top of the tab). */
    public void showOverlay(String name) {
        overlay.setValue(Overlay.valueOf(name));
    }

    /**
     * What the last runs measured about one top-level node, for the Node tab: its FLOPs, parameters and
     * activation memory at the actual shapes, the shapes it produced, its time and provider.
     */
    public java.util.Map<String, String> factsFor(dev.onnxworkbench.models.graph.Node node) {
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        Model model = vm.modelProperty().get();
        InsightResults results = vm.results();
        if (model == null) {
            return facts;
        }
        int index = -1;
        var top = model.graph().nodes();
        for (int i = 0; i < top.size(); i++) {
            if (top.get(i) == node) {
                index = i;
            }
        }
        if (index >= 0 && results.costs() != null && index < results.costs().nodes().size()) {
            var cost = results.costs().node(index);
            if (cost.flopsKnown()) {
                facts.put("FLOPs", Numbers.flops(cost.flops()));
            }
            if (cost.parameters() > 0) {
                facts.put("parameters", dev.onnxworkbench.app.properties.ModelSummary.grouped(cost.parameters()));
            }
            facts.put("activations", HumanUnits.bytes(cost.activationBytes()));
        }
        if (index >= 0 && results.inspection() != null) {
            for (String out : node.outputs()) {
                results.inspection().tensor(out).filter(t -> t.shape() != null).ifPresent(t ->
                        facts.put("→ " + t.name(), t.type() + "[" + InspectionOverlay.shape(t.shape()) + "]"));
            }
        }
        if (results.profile() != null && graph().isPresent()) {
            MappedGraph g = graph().get();
            var ids = ProfileOverlay.idsByName(g, results.profile().nodes());
            g.idOf(node).ifPresent(id -> results.profile().nodes().stream()
                    .filter(p -> id.equals(ids.get(p.name()))).findFirst().ifPresent(p -> {
                        facts.put("time", HumanUnits.millis(p.meanMs()) + " per call (" + Numbers.percent(p.share()) + ")");
                        facts.put("provider", p.provider());
                        if (!p.name().equals(node.name())) {
                            facts.put("ran as", p.name() + " (" + p.opType() + ")");
                        }
                    }));
        }
        return facts;
    }

    /** True while a run is being inspected or profiled (tests wait on it). */
    public boolean isBusy() {
        return vm.state().isBusy();
    }

    public void dispose() {
        vm.showModel(null);
        view.setDecorations(Decorations.NONE);
    }

    /** The last inspected run of the current model, if any. */
    public Optional<Inspection> inspection() {
        return Optional.ofNullable(vm.results().inspection());
    }

    /** Shows one inspected tensor: selects its row, shows its details and centres its producer. */
    public void selectTensor(String name) {
        inspection().flatMap(i -> i.tensor(name)).ifPresent(t -> {
            tensors.getSelectionModel().select(t);
            tensors.scrollTo(t);
            tabs.getSelectionModel().select(tensorsTab);
        });
    }

    /** The tensor whose details are shown, or null. */
    public String selectedTensor() {
        TensorReport t = tensors.getSelectionModel().getSelectedItem();
        return t == null ? null : t.name();
    }

    /** True when a tensor's details (statistics, histogram) are on screen. */
    public boolean showsTensorDetails() {
        return details.showsContent();
    }

    ChoiceBox<Overlay> overlayChoice() {
        return overlay;
    }

    private VBox header() {
        Label title = new Label("INSIDE A RUN");
        title.getStyleClass().add("section-title");
        what.setWrapText(true);
        what.getStyleClass().add("insight-what");
        for (Button b : new Button[] {inspect, profile, cancel, firstNaN, exportTrace, exportCsv}) {
            b.setMnemonicParsing(false);
        }
        inspect.setId("insight-inspect");
        inspect.setDefaultButton(false);
        profile.setId("insight-profile");
        cancel.setId("insight-cancel");
        firstNaN.setId("insight-first-nan");
        inspect.setOnAction(e -> runAndInspect());
        profile.setOnAction(e -> runProfile());
        cancel.setOnAction(e -> vm.state().cancel());
        firstNaN.setOnAction(e -> goToFirstNonFinite());
        FlowPane buttons = new FlowPane(6, 6, inspect, profile, cancel, firstNaN);
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.getStyleClass().add("muted");
        progressText.setWrapText(true);
        overlay.setId("insight-overlay");
        overlay.setValue(Overlay.SHAPES);
        Label show = new Label("Show on graph");
        show.getStyleClass().add("muted");
        HBox overlayRow = new HBox(8, show, overlay);
        overlayRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(6, title, what, buttons, progress, progressText, overlayRow);
        box.getStyleClass().add("insight-header");
        return box;
    }

    private SplitPane body() {
        tensors.setItems(vm.tensors());
        tensorsTab.setContent(tensors);
        exportTrace.setId("insight-export-trace");
        exportCsv.setId("insight-export-csv");
        exportTrace.setOnAction(e -> saveProfile(true));
        exportCsv.setOnAction(e -> saveProfile(false));
        HBox exports = new HBox(6, exportTrace, exportCsv);
        exports.getStyleClass().add("insight-exports");
        BorderPane profileBox = new BorderPane(nodes);
        profileBox.setBottom(exports);
        profileTab.setContent(profileBox);
        tensorsTab.setClosable(false);
        profileTab.setClosable(false);
        tabs.getTabs().setAll(tensorsTab, profileTab);
        ScrollPane detailScroll = new ScrollPane(details);
        detailScroll.setFitToWidth(true);
        detailScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        SplitPane split = new SplitPane(tabs, detailScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        return split;
    }

    private void wire() {
        overlay.valueProperty().addListener((obs, old, now) -> refreshOverlay());
        current.addListener((obs, old, now) -> refreshOverlay());
        tensors.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> {
            if (t != null) {
                showTensor(t);
                graph().flatMap(g -> g.producerOf(t.name())).ifPresent(this::centreOn);
            }
        });
        view.selectedEdgeIdProperty().addListener((obs, old, id) -> edge(id).ifPresent(this::showEdge));
        vm.state().slot().busyProperty().addListener((obs, was, busy) -> updateButtons());
        progress.progressProperty().bind(vm.state().progressProperty());
        progressText.textProperty().bind(vm.state().messageProperty());
        vm.state().phaseProperty().addListener((obs, was, phase) -> {
            progressText.getStyleClass().remove("error-text");
            if (phase == RunState.Phase.FAILED) {
                progressText.getStyleClass().add("error-text");
            }
            updateButtons();
        });
        vm.lastRunProperty().addListener((obs, was, kind) -> showFinished(kind));
    }

    /** A run finished: its inputs in the header, its table in front, its overlay on the graph. */
    private void showFinished(InsightViewModel.Kind kind) {
        if (kind == null) {
            return;
        }
        InsightResults results = vm.results();
        what.setText(results.describe());
        if (kind == InsightViewModel.Kind.PROFILE) {
            nodes.show(results.profile());
            details.showProfile(results.profile());
            overlay.setValue(Overlay.TIME);
            tabs.getSelectionModel().select(profileTab);
        } else {
            overlay.setValue(Overlay.SHAPES);
            tabs.getSelectionModel().select(tensorsTab);
        }
        refreshOverlay();
        updateButtons();
    }

    private void saveProfile(boolean trace) {
        Model model = vm.modelProperty().get();
        var report = vm.results().profile();
        if (report == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(trace ? "Export the Chrome trace (opens in Perfetto)" : "Export per-node times as CSV");
        String stem = model.path().getFileName().toString().replaceFirst("\\.onnx$", "");
        chooser.setInitialFileName(stem + (trace ? "-profile.json" : "-profile.csv"));
        java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportProfile(trace, file.toPath());
        }
    }

    /** Writes the last profile's raw Chrome trace or its per-node CSV, in the background. */
    public void exportProfile(boolean trace, Path target) {
        vm.exportProfile(trace, target);
    }

    private void updateButtons() {
        boolean busy = vm.state().isBusy();
        boolean runnable = vm.canRun() && !busy;
        InsightResults results = vm.results();
        inspect.setDisable(!runnable);
        profile.setDisable(!runnable);
        cancel.setVisible(busy);
        cancel.setManaged(busy);
        progress.setVisible(busy);
        progress.setManaged(busy);
        boolean nonFinite = results.inspection() != null && results.inspection().firstNonFinite().isPresent();
        exportTrace.setDisable(results.profile() == null || results.profile().trace() == null);
        exportCsv.setDisable(results.profile() == null);
        firstNaN.setVisible(nonFinite);
        firstNaN.setManaged(nonFinite);
    }

    private void refreshOverlay() {
        MappedGraph g = current.get();
        Overlay mode = overlay.getValue();
        view.setDecorations(g == null || mode == null ? Decorations.NONE : mode.decorations(g, vm.results(), view.getPalette()));
    }

    private void goToFirstNonFinite() {
        inspection().flatMap(Inspection::firstNonFinite).ifPresent(t -> selectTensor(t.name()));
    }

    private void showEdge(DiagramEdge edge) {
        if (edge.value() != null) {
            selectTensor(edge.value());
        }
    }

    private void showTensor(TensorReport t) {
        String declared = graph().map(g -> g.types().get(t.name())).map(ValueInfo::type)
                .map(ShapeText::edgeLabel).orElse("");
        details.show(t, declared.isEmpty() ? "not declared in the file" : declared);
    }

    private void centreOnNode(String profiledName) {
        var profile = vm.results().profile();
        graph().map(g -> ProfileOverlay.idsByName(g, profile == null ? java.util.List.of()
                        : profile.nodes()).get(profiledName))
                .ifPresent(this::centreOn);
    }

    private void centreOn(String diagramId) {
        view.setSelectedNodeId(diagramId);
        view.centerOn(diagramId);
    }

    private Optional<MappedGraph> graph() {
        return Optional.ofNullable(current.get());
    }

    private Optional<DiagramEdge> edge(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return graph().flatMap(g -> g.diagram().edges().stream().filter(e -> e.id().equals(id)).findFirst());
    }

    private void exportNpy(TensorReport t) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + t.name() + " as .npy");
        chooser.setInitialFileName(dev.onnxworkbench.models.inspect.TensorDump.sanitize(t.name()) + ".npy");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("NumPy array", "*.npy"));
        java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportNpy(t, file.toPath());
        }
    }

    /** Runs the model again for this one tensor and writes its values (they are not kept after inspecting). */
    public void exportNpy(TensorReport t, Path target) {
        vm.exportNpy(t, target);
    }
}
