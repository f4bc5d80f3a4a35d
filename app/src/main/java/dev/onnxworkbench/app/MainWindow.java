package dev.onnxworkbench.app;

import dev.onnxworkbench.app.insight.InsightPane;
import dev.onnxworkbench.models.runtime.inputs.InputSet;

import dev.onnxworkbench.app.compare.CompareView;
import dev.onnxworkbench.app.batch.BatchView;
import dev.onnxworkbench.app.batch.BatchViewModel;
import dev.onnxworkbench.app.serve.ServeView;
import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.GraphPath;
import dev.onnxworkbench.app.diagram.GraphSearch;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.diagram.OperatorLookup;
import dev.onnxworkbench.app.properties.ModelPropertiesPane;
import dev.onnxworkbench.app.properties.NodeNavigator;
import dev.onnxworkbench.app.properties.NodePropertiesPane;
import dev.onnxworkbench.app.predict.PredictionPane;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.render.DiagramExporter;
import dev.onnxworkbench.graphview.render.PagedPng;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The workbench window: menu bar, the graph in the centre (with Find and the subgraph
 * breadcrumb), a sidebar with the Model, Node and Predict tabs, and a status bar. Opening
 * runs in the background; a failure shows a banner and the current model stays open.
 */
public final class MainWindow {
    private final AppServices services;
    private final Stage stage;
    private final RecentFiles recent;
    private final WindowPlacement placement;
    private final DiagramMapper mapper;
    /** Models opened lately, so that opening one again reuses its diagram and the view's cached layout. */
    private final RecentOpenings recentOpenings = new RecentOpenings();
    private final OperatorLookup operators;

    private final BorderPane root = new BorderPane();
    private final GraphPane graph;
    private final FindPanel find;
    private final MessageBanner banner;
    private final FileDropTarget dropTarget;
    private final StatusBar status;
    private final ModelPropertiesPane modelProperties = new ModelPropertiesPane();
    private final NodePropertiesPane nodeProperties;
    private final PredictionPane prediction;
    private final TabPane sidebar = new TabPane();
    private final Tab modelTab = new Tab("Model");
    private final Tab nodeTab = new Tab("Node");
    private final Tab predictTab = new Tab("Predict");
    private final Tab insightTab = new Tab("Inside");
    private final InsightPane insight;
    private final MainMenu menu;
    private final ReadOnlyObjectWrapper<Model> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final OpenTimer openTimer;
    /** One file opening at a time: opening another supersedes it. */
    private final TaskSlot opening = new TaskSlot();
    private Stage compareStage;
    private CompareView compareView;
    private dev.onnxworkbench.app.runs.CompareRunsWindow compareRuns;
    private Stage serveStage;
    private ServeView serveView;
    private Stage batchStage;
    private BatchViewModel batchViewModel;
    private Stage streamStage;
    private dev.onnxworkbench.app.edit.EditMode editMode;
    private dev.onnxworkbench.app.stream.StreamView streamView;

    public MainWindow(AppServices services, Stage stage) {
        this.services = services;
        this.stage = stage;
        this.recent = new RecentFiles(services.preferences());
        this.placement = new WindowPlacement(services.preferences());
        this.operators = new CatalogOperatorLookup(services.catalog());
        this.mapper = new DiagramMapper(operators);
        this.status = new StatusBar(services.tasks().runningTasks());
        services.tasks().onDeliveryFailure(this::deliveryFailed);
        this.graph = new GraphPane(mapper, services.tasks(), this::showUnexpected);
        this.banner = new MessageBanner(graph);
        this.openTimer = new OpenTimer(graph.view());
        this.find = new FindPanel(model::get, services.tasks(), this::goTo, this::highlight);
        this.dropTarget = new FileDropTarget(this::open, banner::showError);
        this.nodeProperties = new NodePropertiesPane(operators, navigator(), services.tasks());
        this.prediction = new PredictionPane(services);
        this.insight = new InsightPane(services, graph.view(), graph.currentProperty(), prediction.formInputs());
        this.menu = new MainMenu(this, services.preferences(), recent);
        layOut();
        wire();
    }

    /** Shows the window at its remembered size and position. */
    public void show() {
        placement.restore(stage);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> closing());
        stage.show();
    }

    public ReadOnlyObjectProperty<Model> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public Model model() {
        return model.get();
    }

    /** Opens a model file in the background; the current model stays until it succeeds. */
    public void open(Path file) {
        open(() -> file, file.getFileName() == null ? file.toString() : file.getFileName().toString());
    }

    /** Opens a model whose path is found in the background (the bundled sample is written out first). */
    public void open(Callable<Path> file, String what) {
        openTimer.started(what);
        BackgroundTask.wrap(new ModelOpenTask(file, mapper, graph.optionsProperty().get(), recentOpenings))
                .withTitle("Opening " + what).showInStatusBar().inSlot(opening)
                .onSuccess(this::showOpened)
                .onFailure(error -> banner.showError(ModelOpenTask.messageFor(error, what)))
                .onCancelled(() -> banner.showInfo("Opening " + what + " was cancelled."))
                .executeWith(services.tasks());
    }

    /**
     * The window closed: stop its background work before the services shut down (an open, a
     * mapping or a search finishing afterwards would deliver into a closed window), and close the
     * prediction pane's ONNX Runtime session.
     */
    private void closing() {
        opening.cancel();
        find.close();
        graph.cancelMapping();
        prediction.dispose();
        insight.dispose();
    }

    /** True while a file is being opened (tests wait on it). */
    public boolean isOpening() {
        return opening.isBusy();
    }

    public void close() {
        model.set(null);
        graph.clear();
        find.close();
        modelProperties.clear();
        nodeProperties.clear();
        status.setPath("No model open");
        status.setNodeCount("");
        status.setLayoutTime("");
        stage.setTitle("ONNX Workbench");
    }

    Stage stage() {
        return stage;
    }

    AppServices services() {
        return services;
    }

    GraphPane graph() {
        return graph;
    }

    FindPanel find() {
        return find;
    }

    MessageBanner banner() {
        return banner;
    }

    NodePropertiesPane nodeProperties() {
        return nodeProperties;
    }

    ModelPropertiesPane modelProperties() {
        return modelProperties;
    }

    TabPane sidebar() {
        return sidebar;
    }

    FileDropTarget dropTarget() {
        return dropTarget;
    }

    RecentFiles recentFiles() {
        return recent;
    }

    void openFind() {
        if (graph.current() != null) {
            find.open();
        }
    }

    PredictionPane prediction() {
        return prediction;
    }

    void showPredict() {
        sidebar.getSelectionModel().select(predictTab);
    }

    InsightPane insight() {
        return insight;
    }

    /** Run ▸ Run and Inspect: every tensor of a run on the Predict form's inputs, shown on the graph. */
    void runAndInspect() {
        sidebar.getSelectionModel().select(insightTab);
        insight.runAndInspect();
    }

    /** Run ▸ Profile Nodes: per-node time of runs on the Predict form's inputs, as heat on the graph. */
    void profileNodes() {
        sidebar.getSelectionModel().select(insightTab);
        insight.runProfile();
    }

    /** Edit mode (the Edit menu's model edits and their panel), made on first use. */
    dev.onnxworkbench.app.edit.EditMode editMode() {
        if (editMode == null) {
            editMode = new dev.onnxworkbench.app.edit.EditMode(new EditHost(this), new dev.onnxworkbench.app.edit.EditViewModel(
                    services.tasks(), services.sessions(), dev.onnxworkbench.models.runtime.ProviderSettings.cpu()));
        }
        return editMode;
    }

    /** Edit mode's panel as the sidebar's Edit tab (added on first use, closable), brought to the front. */
    void showEditTab(javafx.scene.Node view) {
        Tab tab = sidebar.getTabs().stream().filter(t -> "tab-edit".equals(t.getId())).findFirst().orElseGet(() -> {
            Tab t = new Tab("Edit", view);
            t.setId("tab-edit");
            sidebar.getTabs().add(t);
            return t;
        });
        sidebar.getSelectionModel().select(tab);
    }

    /** The node selected on the graph (in whichever graph level or inline body draws it). */
    java.util.Optional<Node> selectedNode() {
        MappedGraph current = graph.current();
        String id = graph.view().selectedNodeIdProperty().get();
        MappedGraph owner = current == null || id == null ? null : current.owner(id);
        return owner == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(owner.nodesById().get(id));
    }

    /** The Predict form's input set, as the tool windows take it. */
    dev.onnxworkbench.app.predict.FormInputs formInputs() {
        return prediction.formInputs();
    }

    /**
     * Run ▸ Compare providers…: the comparison in its own window (it is wide and runs for a while,
     * so the graph stays usable beside it). One comparison window per main window, reused.
     */
    void openCompare() {
        Model current = model.get();
        if (current == null) {
            return;
        }
        if (compareStage == null) {
            compareView = new CompareView(services);
            compareStage = new Stage();
            compareStage.initOwner(stage);
            compareStage.setTitle("Compare Providers — ONNX Workbench");
            Scene scene = new Scene(compareView, 1100, 760);
            services.themes().apply(scene);
            compareStage.setScene(scene);
            dev.onnxworkbench.app.tool.ToolStage.closesOnEscapeAndShortcutW(compareStage);
            // Closing the window stops its benchmark (a TensorRT build would otherwise go on unseen).
            compareStage.setOnHidden(e -> compareView.cancel());
        }
        compareView.showModel(current);
        // Compare measures what Predict runs: the form's input set, shapes and values.
        prediction.currentInputs(inputs -> {
            if (compareView.viewModel().modelProperty().get() == current) {
                compareView.useInputs(inputs);
            }
        });
        compareStage.show();
        compareStage.toFront();
    }

    /** The Compare Runs window (divergence and model diff), created on first use. */
    /** The Compare Runs window, created on first use (tests drive it). */
    /** The Batch Predictions window's state (null until File ▸ Batch Predictions… was opened); tests drive it. */
    BatchViewModel batchViewModel() {
        return batchViewModel;
    }

    dev.onnxworkbench.app.runs.CompareRunsWindow compareRunsWindow() {
        return compareRuns();
    }

    private dev.onnxworkbench.app.runs.CompareRunsWindow compareRuns() {
        if (compareRuns == null) {
            compareRuns = new dev.onnxworkbench.app.runs.CompareRunsWindow(services, mapper, stage);
        }
        return compareRuns;
    }

    /** Run ▸ Find Divergence…: where two runs of the current model (or it and another model) part ways. */
    void openDivergence() {
        Model current = model.get();
        if (current != null && current.path() != null) {
            compareRuns().showDivergence(current);
            offerPredictInputs(current);
        }
    }

    /** Like Compare Providers, search on what Predict runs when its form is ready (else seed and shapes). */
    private void offerPredictInputs(Model current) {
        prediction.currentInputs(inputs -> {
            if (model.get() == current) {
                compareRuns().divergence().form().usePredictInputs(current, inputs);
            }
        }, refused -> { });
    }

    /**
     * File ▸ Compare With Model…: the current model diffed against {@code other}, side by side; the window's
     * Divergence tab is ready to run the two models (run B is {@code other}) on the Predict form's inputs.
     */
    void openDiff(Path other) {
        Model current = model.get();
        if (current != null && current.path() != null) {
            recent.rememberDirectory(other.toAbsolutePath().getParent());
            compareRuns().showDiff(current, other);
            offerPredictInputs(current);
        }
    }

    /** Run ▸ Serve…: the open model behind a local v2 endpoint, in its own window; closing it stops serving. */
    void openServe() {
        Model current = model.get();
        if (current == null || current.path() == null) {
            return;
        }
        if (serveStage == null) {
            serveView = new ServeView(new dev.onnxworkbench.app.serve.ServeViewModel(services.tasks(), services::sessions,
                    prediction.formInputs()));
            serveStage = new Stage();
            serveStage.initOwner(stage);
            serveStage.setTitle("Serve — ONNX Workbench");
            Scene scene = new Scene(serveView, 1100, 720);
            services.themes().apply(scene);
            serveStage.setScene(scene);
            dev.onnxworkbench.app.tool.ToolStage.closesOnEscapeAndShortcutW(serveStage);
            serveStage.setOnHidden(e -> serveView.stop());
            stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> serveView.stop());
        }
        serveView.showModel(current.path());
        serveView.refreshSnippets();
        serveStage.show();
        serveStage.toFront();
    }

    /** Run ▸ Stream Recording…: the open model over a whole WAV recording, window by window, in its own window. */
    void openStream() {
        Model current = model.get();
        if (current == null || current.path() == null) {
            return;
        }
        if (streamStage == null) {
            streamView = new dev.onnxworkbench.app.stream.StreamView(services.tasks(), services::sessions);
            streamStage = new Stage();
            streamStage.initOwner(stage);
            streamStage.setTitle("Stream Recording — ONNX Workbench");
            Scene scene = new Scene(streamView, 820, 720);
            services.themes().apply(scene);
            streamStage.setScene(scene);
        }
        streamView.showModel(current);
        streamStage.show();
        streamStage.toFront();
    }

    /** File ▸ Batch Predictions…: rows from a file or SQL table through the open model, in its own window. */
    void openBatchPredictions() {
        Model current = model.get();
        if (current == null || current.path() == null) {
            return;
        }
        if (batchStage == null) {
            batchViewModel = new BatchViewModel(services.tasks(), services::sessions);
            batchStage = new Stage();
            batchStage.initOwner(stage);
            batchStage.setTitle("Batch Predictions — ONNX Workbench");
            Scene scene = new Scene(new BatchView(batchViewModel), 1100, 640);
            services.themes().apply(scene);
            batchStage.setScene(scene);
            dev.onnxworkbench.app.tool.ToolStage.closesOnEscapeAndShortcutW(batchStage);
        }
        batchViewModel.showModel(current.path());
        batchStage.show();
        batchStage.toFront();
    }

    /** Writes the current diagram to PNG or SVG in the background. */
    void export(Path target, boolean svg) {
        MappedGraph current = graph.current();
        if (current == null) {
            return;
        }
        var theme = graph.view().getTheme();
        LayoutDirection direction = graph.view().getDirection();
        recent.rememberDirectory(target.toAbsolutePath().getParent());
        BackgroundTask.<List<Path>>wrap(() -> {
            if (svg) {
                DiagramExporter.writeSvg(current.diagram(), direction, theme, target);
                return List.of(target);
            }
            // A tall graph as pages whose text can be read, as render writes it (never one 543×16,001 image).
            return PagedPng.writeReadable(current.diagram(), direction, theme, target);
        }).withTitle("Exporting the graph").showInStatusBar()
                .onSuccess(files -> banner.showInfo(files.size() == 1 ? "Saved the graph to " + target + "."
                        : "Saved the graph as " + files.size() + " pages, " + files.getFirst().getFileName() + " to "
                        + files.getLast().getFileName() + " in " + target.toAbsolutePath().getParent()
                        + " (one image would be too small to read)."))
                .onFailure(error -> banner.showError("The graph could not be saved to " + target + ": "
                        + ModelOpenTask.messageFor(error, target.getFileName().toString())))
                .executeWith(services.tasks());
    }

    private void showOpened(OpenedModel opened) {
        openTimer.delivered(opened.readMillis(), opened.mapMillis());
        Model m = opened.model();
        banner.hide();
        model.set(m);
        graph.showModel(m, opened.topLevel());
        modelProperties.showModel(m, opened.summary());
        nodeProperties.clear();
        prediction.showModel(m);
        insight.showModel(m);
        if (compareView != null) {
            compareView.showModel(m);
        }
        if (!editMode().viewModel().isDraft(m.path())) { // after an edit the Edit tab stays in front
            sidebar.getSelectionModel().select(modelTab);
        }
        find.modelChanged();
        if (m.path() != null) {
            if (!editMode().viewModel().isDraft(m.path())) { // an edited draft is not a file the user opened
                recent.add(m.path());
                menu.refreshRecent();
            }
            Path edited = editMode().viewModel().sourceProperty().get();
            status.setPath(editMode().viewModel().isDraft(m.path()) && edited != null
                    ? edited + " — edited, not saved (Save As… in the Edit tab)" : m.path().toString());
            stage.setTitle(m.path().getFileName() + " — ONNX Workbench");
        }
        long top = opened.summary().nodeCount();
        long total = opened.summary().totalNodeCount(); // counted in the background (a walk over every body)
        String nodes = top == 1 ? "1 node" : top + " nodes";
        status.setNodeCount(top == total ? nodes : nodes + " (" + total + " with subgraphs)");
        status.setLayoutTime("read " + opened.readMillis() + " ms");
        openTimer.shown();
    }

    /** Where the last open's time went (read, map, panes, layout), for the open benchmark. */
    String lastOpenPhases() {
        return openTimer.lastPhases();
    }

    /** How many opens have been drawn so far (the open benchmark waits for the next). */
    int drawnOpens() {
        return openTimer.drawnCount();
    }

    /** {@link System#nanoTime} when the last open was drawn. */
    long lastDrawnNanos() {
        return openTimer.lastDrawnNanos();
    }

    /** Milliseconds from choosing the last file to the first frame of its graph (-1 before any). */
    long lastOpenToDrawnMillis() {
        return openTimer.lastMillis();
    }

    /** Goes to a Find match: opens the graph it is in (a body, a function) and centres its box. */
    private void goTo(GraphSearch.Match match) {
        graph.openPath(match.path(), mapped -> match.diagramId(mapped).ifPresent(id -> {
            graph.view().setSelectedNodeId(id);
            graph.view().centerOn(id);
            if (!graph.view().getHighlightedNodeIds().contains(id)) {
                find.rehighlight(); // a new level was opened: mark the matches that are in it
            }
        }));
    }

    /** Marks Find's matches that are in the graph shown (replacing the previous ones). */
    private void highlight(List<GraphSearch.Match> matches) {
        MappedGraph current = graph.current();
        var highlighted = graph.view().getHighlightedNodeIds();
        highlighted.clear();
        if (current == null || matches.isEmpty()) {
            return;
        }
        GraphPath here = graph.currentPath();
        Map<Node, String> ids = new IdentityHashMap<>();
        current.nodesById().forEach((id, node) -> ids.put(node, id));
        List<String> marked = new ArrayList<>();
        for (GraphSearch.Match m : matches) {
            if (m.path().equals(here)) {
                String id = m.node() != null ? ids.get(m.node()) : m.diagramId(current).orElse(null);
                if (id != null) {
                    marked.add(id);
                }
            }
        }
        highlighted.addAll(marked);
    }

    private void jumpTo(String diagramId) {
        graph.view().setSelectedNodeId(diagramId);
        graph.view().centerOn(diagramId);
    }

    private void onSelection(String diagramId) {
        MappedGraph current = graph.current();
        if (current == null || diagramId == null) {
            return;
        }
        // The box may sit in an If/Loop body drawn inline: its own graph answers for it.
        MappedGraph owner = current.owner(diagramId);
        if (owner == null) {
            return;
        }
        Node node = owner.nodesById().get(diagramId);
        if (node != null) {
            nodeProperties.showNode(node, owner, graph.isFunction());
            nodeProperties.appendFacts("In the last run", insight.factsFor(node));
        } else {
            nodeProperties.showTerminal(diagramId, owner);
        }
        showNodeTabUnlessInside();
    }

    /** The Node tab follows the selection, except while the user works in the Inside tab (it selects nodes too). */
    private void showNodeTabUnlessInside() {
        if (sidebar.getSelectionModel().getSelectedItem() != insightTab || !insight.inspection().isPresent()
                && !insight.hasProfile()) {
            sidebar.getSelectionModel().select(nodeTab);
        }
    }

    private void onEdgeSelection(String edgeId) {
        MappedGraph current = graph.current();
        if (current == null || edgeId == null) {
            return;
        }
        current.diagram().edges().stream().filter(e -> e.id().equals(edgeId)).findFirst().ifPresent(edge -> {
            nodeProperties.showTensor(edge.value(), current);
            showNodeTabUnlessInside();
        });
    }

    private NodeNavigator navigator() {
        return new NodeNavigator() {
            @Override
            public void jumpTo(String diagramId) {
                MainWindow.this.jumpTo(diagramId);
            }

            @Override
            public void openSubgraph(Node owner, Node.NamedGraph subgraph) {
                graph.openSubgraph(owner, subgraph);
            }

            @Override
            public void openFunction(Node caller) {
                graph.openFunction(caller);
            }

            @Override
            public void openLink(String url) {
                services.openLink(url);
            }
        };
    }

    private void layOut() {
        modelTab.setContent(modelProperties);
        nodeTab.setContent(nodeProperties);
        predictTab.setContent(prediction);
        insightTab.setContent(insight);
        for (Tab t : List.of(modelTab, nodeTab, predictTab, insightTab)) {
            t.setClosable(false);
        }
        modelTab.setId("tab-model");
        nodeTab.setId("tab-node");
        predictTab.setId("tab-predict");
        insightTab.setId("tab-insight");
        sidebar.getTabs().setAll(modelTab, nodeTab, predictTab, insightTab);
        sidebar.setId("sidebar");
        sidebar.setMinWidth(280);

        StackPane centre = new StackPane(banner, dropTarget);
        centre.getStyleClass().add("graph-area");
        centre.setMinSize(0, 0);
        VBox graphColumn = new VBox(find, centre);
        graphColumn.setMinSize(0, 0);
        VBox.setVgrow(centre, javafx.scene.layout.Priority.ALWAYS);

        SplitPane split = new SplitPane(graphColumn, sidebar);
        split.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(sidebar, false);

        root.setTop(menu.bar());
        root.setCenter(split);
        root.setBottom(status);
        root.getStyleClass().add("workbench");

        Scene scene = new Scene(root, 1280, 800);
        services.themes().apply(scene);
        stage.setScene(scene);
        stage.setTitle("ONNX Workbench");
        stage.setMinWidth(640);
        stage.setMinHeight(420);
    }

    private void wire() {
        dropTarget.attach(root);
        graph.setTheme(services.themes().getTheme());
        services.themes().themeProperty().addListener((obs, old, now) -> graph.setTheme(now));
        graph.view().selectedNodeIdProperty().addListener((obs, old, id) -> onSelection(id));
        graph.view().selectedEdgeIdProperty().addListener((obs, old, id) -> onEdgeSelection(id));
        graph.view().setOnNodeOpen(diagramNode -> graph.current().node(diagramNode.id()).ifPresent(graph::open));
        graph.currentProperty().addListener((obs, old, now) -> {
            nodeProperties.clear();
            find.rehighlight(); // Find searches the whole model: only the marks change with the level
        });
        graph.setOnLayoutTime(ms -> status.setLayoutTime("layout " + ms + " ms"));
        stage.setOnHiding(e -> placement.save(stage));
    }

    /** A bug, not a user's mistake: say so in the window, keep going. */
    /** A view threw while showing a background result: the status bar says so, the log keeps the trace. */
    private void deliveryFailed(RuntimeException error) {
        System.getLogger(MainWindow.class.getName()).log(System.Logger.Level.ERROR,
                "A background task's result could not be shown", error);
        status.reportProblem("A result could not be shown (" + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()) + "); details are in the log.");
    }

    void showUnexpected(Throwable error) {
        if (error instanceof dev.onnxworkbench.models.WorkbenchException) {
            banner.showError(error.getMessage());
        } else {
            banner.showError("Something went wrong (" + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage())
                    + "). The current model stays open; please report this.");
        }
    }
}
