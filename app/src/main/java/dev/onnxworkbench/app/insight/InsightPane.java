package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.diagram.ShapeText;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskSlot;
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
    private final InsightRunner runner;
    private final GraphView view;
    private final ReadOnlyObjectProperty<MappedGraph> current;
    private final RunInputs inputs;
    private final TaskSlot slot = new TaskSlot();
    private final Label what = new Label("Run the model on the Predict form's inputs to see inside it.");
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
    private Model model;
    private InsightResults results = InsightResults.EMPTY;

    public InsightPane(AppServices services, GraphView view, ReadOnlyObjectProperty<MappedGraph> current,
                       RunInputs inputs) {
        this.runner = new InsightRunner(services);
        this.view = view;
        this.current = current;
        this.inputs = inputs;
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
        slot.supersede();
        model = newModel;
        results = InsightResults.EMPTY;
        tensors.getItems().clear();
        nodes.show(null);
        details.clear();
        what.setText(newModel == null ? "Open a model to look inside a run."
                : "Run the model on the Predict form's inputs to see inside it.");
        refreshOverlay();
        updateButtons();
    }

    /** Run ▸ Run and Inspect, on the Predict form's inputs. */
    public void runAndInspect() {
        start(false);
    }

    /** Inspects a run on the given inputs (another view's input set, or a test's). */
    public void runAndInspect(InputSet set) {
        if (model != null && model.path() != null) {
            inspect(model.path(), set);
        }
    }

    /** Run ▸ Profile. */
    public void runProfile() {
        start(true);
    }

    /** Profiles the given inputs' runs (another view's input set, or a test's). */
    public void runProfile(InputSet set) {
        if (model != null && model.path() != null) {
            profile(model.path(), set);
        }
    }

    /** True once the current model has been profiled. */
    public boolean hasProfile() {
        return results.profile() != null;
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
                facts.put("parameters", dev.onnxworkbench.app.inspect.ModelSummary.grouped(cost.parameters()));
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
        return slot.isBusy();
    }

    public void dispose() {
        slot.supersede();
        view.setDecorations(Decorations.NONE);
    }

    /** The last inspected run of the current model, if any. */
    public Optional<Inspection> inspection() {
        return Optional.ofNullable(results.inspection());
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
        cancel.setOnAction(e -> slot.cancel());
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
        slot.busyProperty().addListener((obs, was, busy) -> updateButtons());
    }

    private void start(boolean profiling) {
        Model m = model;
        if (m == null || m.path() == null) {
            return;
        }
        progress.setProgress(-1);
        progressText.setText("Preparing the inputs…");
        inputs.current().whenComplete((set, error) -> javafx.application.Platform.runLater(() -> {
            if (m != model) {
                return; // another model opened meanwhile
            }
            if (error != null) {
                fail(error);
                return;
            }
            if (profiling) {
                profile(m.path(), set);
            } else {
                inspect(m.path(), set);
            }
        }));
    }

    private void inspect(Path path, InputSet set) {
        tensors.getItems().clear();
        details.clear();
        BackgroundTask.wrap(work -> runner.inspect(path, set, report -> work.publish(() -> tensors.add(report)),
                        (done, total) -> work.update(total == 0 ? -1 : done / (double) total,
                                String.format(Locale.ROOT, "%,d of %,d tensors", done, total)),
                        work::isCancelled))
                .withTitle("Inspecting a run…")
                .showInStatusBar()
                .inSlot(slot)
                .onProgress((fraction, message) -> {
                    progress.setProgress(fraction);
                    progressText.setText(message);
                })
                .onSuccess(inspection -> {
                    results = results.withInspection(set, inspection,
                            InsightRunner.costs(model.graph(), set, inspection));
                    tensors.show(inspection);
                    what.setText(results.describe());
                    progressText.setText(summary(inspection));
                    overlay.setValue(Overlay.SHAPES);
                    refreshOverlay();
                    tabs.getSelectionModel().select(tensorsTab);
                })
                .onFailure(this::fail)
                .onCancelled(() -> progressText.setText("Cancelled."))
                .onFinished(this::updateButtons)
                .executeWith(runner.executor());
    }

    private void profile(Path path, InputSet set) {
        BackgroundTask.wrap(() -> runner.profile(path, set))
                .withTitle("Profiling every node…")
                .showInStatusBar()
                .inSlot(slot)
                .onSuccess(report -> {
                    results = results.withProfile(set, report);
                    nodes.show(report);
                    details.showProfile(report);
                    what.setText(results.describe());
                    progressText.setText(ProfileTable.summary(report));
                    overlay.setValue(Overlay.TIME);
                    refreshOverlay();
                    tabs.getSelectionModel().select(profileTab);
                    updateButtons();
                })
                .onFailure(this::fail)
                .onCancelled(() -> progressText.setText("Cancelled."))
                .onFinished(this::updateButtons)
                .executeWith(runner.executor());
        progressText.setText(String.format(Locale.ROOT, "Profiling %d runs after %d warm-up runs…",
                InsightRunner.PROFILED_RUNS, InsightRunner.WARMUP_RUNS));
    }

    private void saveProfile(boolean trace) {
        var report = results.profile();
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
        var report = results.profile();
        if (report == null) {
            return;
        }
        BackgroundTask.wrap(() -> {
                    if (trace) {
                        java.nio.file.Files.copy(report.trace(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        dev.onnxworkbench.models.profile.ProfileExport.csv(report, target);
                    }
                    return target;
                })
                .withTitle("Exporting the profile…")
                .onSuccess(p -> progressText.setText("Saved " + p + "."))
                .onFailure(this::fail)
                .executeWith(runner.executor());
    }

    private static String summary(Inspection inspection) {
        long bad = inspection.tensors().stream().filter(TensorReport::hasNonFinite).count();
        long constants = inspection.tensors().stream().filter(TensorTable::isConstant).count();
        return String.format(Locale.ROOT, "%,d tensors inspected%s in %.0f ms (%d run%s)%s",
                inspection.tensors().size() - constants,
                constants == 0 ? "" : String.format(Locale.ROOT, " (and %,d Constant outputs, not listed)", constants),
                inspection.totalMillis(), inspection.runs(),
                inspection.runs() == 1 ? "" : "s",
                bad == 0 ? "; no NaN or Inf." : String.format(Locale.ROOT, "; %d hold NaN or Inf.", bad));
    }

    private void fail(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        progress.setProgress(0);
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        progressText.setText(message);
        progressText.getStyleClass().add("error-text");
        updateButtons();
    }

    private void updateButtons() {
        boolean busy = slot.isBusy();
        boolean runnable = model != null && model.path() != null && !busy;
        inspect.setDisable(!runnable);
        profile.setDisable(!runnable);
        cancel.setVisible(busy);
        cancel.setManaged(busy);
        progress.setVisible(busy);
        progress.setManaged(busy);
        if (busy) {
            progressText.getStyleClass().remove("error-text");
        }
        boolean nonFinite = results.inspection() != null && results.inspection().firstNonFinite().isPresent();
        exportTrace.setDisable(results.profile() == null || results.profile().trace() == null);
        exportCsv.setDisable(results.profile() == null);
        firstNaN.setVisible(nonFinite);
        firstNaN.setManaged(nonFinite);
    }

    private void refreshOverlay() {
        MappedGraph g = current.get();
        Overlay mode = overlay.getValue();
        view.setDecorations(g == null || mode == null ? Decorations.NONE : mode.decorations(g, results));
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
        graph().map(g -> ProfileOverlay.idsByName(g, results.profile() == null ? java.util.List.of()
                        : results.profile().nodes()).get(profiledName))
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
        Model m = model;
        InputSet set = results.inputs();
        if (m == null || set == null) {
            return;
        }
        BackgroundTask.wrap(() -> runner.exportNpy(m.path(), set, t.name(), target))
                .withTitle("Exporting " + t.name() + "…")
                .showInStatusBar()
                .onSuccess(p -> progressText.setText("Saved " + t.name() + " to " + p + "."))
                .onFailure(this::fail)
                .executeWith(runner.executor());
    }
}
