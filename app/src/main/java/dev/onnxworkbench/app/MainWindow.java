package dev.onnxworkbench.app;

import dev.onnxworkbench.app.insight.InsightPane;
import dev.onnxworkbench.models.runtime.inputs.InputSet;

import dev.onnxworkbench.app.compare.CompareView;
import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.GraphSearch;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.diagram.OperatorLookup;
import dev.onnxworkbench.app.inspect.ModelPropertiesPane;
import dev.onnxworkbench.app.inspect.NodeNavigator;
import dev.onnxworkbench.app.inspect.NodePropertiesPane;
import dev.onnxworkbench.app.predict.PredictionPane;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.render.DiagramExporter;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
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
    private final OperatorLookup operators;

    private final BorderPane root = new BorderPane();
    private final GraphPane graph;
    private final FindPanel find;
    private final MessageBanner banner = new MessageBanner();
    private final FileDropTarget dropTarget;
    private final StatusBar status = new StatusBar();
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
    private ModelOpenTask opening;
    private Stage compareStage;
    private CompareView compareView;

    public MainWindow(AppServices services, Stage stage) {
        this.services = services;
        this.stage = stage;
        this.recent = new RecentFiles(services.preferences());
        this.placement = new WindowPlacement(services.preferences());
        this.operators = new CatalogOperatorLookup(services.catalog());
        this.mapper = new DiagramMapper(operators);
        this.graph = new GraphPane(mapper, services.background(), this::showUnexpected);
        this.find = new FindPanel(graph::current, this::goTo, this::highlight);
        this.dropTarget = new FileDropTarget(this::open, banner::showError);
        this.nodeProperties = new NodePropertiesPane(operators, navigator(), services.background());
        this.prediction = new PredictionPane(services);
        this.insight = new InsightPane(services, graph.view(), graph.currentProperty(), this::predictInputs);
        this.menu = new MainMenu(this, services.preferences(), recent);
        layOut();
        wire();
    }

    /** Shows the window at its remembered size and position. */
    public void show() {
        placement.restore(stage);
        // The prediction pane holds an ONNX Runtime session: close it with the window.
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
            prediction.dispose();
            insight.dispose();
        });
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
        if (opening != null && opening.isRunning()) {
            opening.cancel();
        }
        ModelOpenTask task = new ModelOpenTask(file, mapper, graph.optionsProperty().get());
        opening = task;
        task.setOnSucceeded(e -> {
            if (task.getValue() != null) {
                showOpened(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            banner.showError(ModelOpenTask.messageFor(error, what));
        });
        task.setOnCancelled(e -> banner.showInfo("Opening " + what + " was cancelled."));
        status.track(task, "Opening " + what + "…");
        services.background().execute(task);
    }

    /** True while a file is being opened (tests wait on it). */
    public boolean isOpening() {
        return opening != null && !opening.isDone();
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

    /** The Predict form's current input set, for the inside-a-run views. */
    private java.util.concurrent.CompletionStage<InputSet> predictInputs() {
        return prediction.currentInputSet();
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
        }
        compareView.showModel(current);
        compareStage.show();
        compareStage.toFront();
    }

    /** Writes the current diagram to PNG or SVG in the background. */
    void export(Path target, boolean svg) {
        MappedGraph current = graph.current();
        if (current == null) {
            return;
        }
        var theme = graph.view().getTheme();
        LayoutDirection direction = graph.view().getDirection();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                if (svg) {
                    DiagramExporter.writeSvg(current.diagram(), direction, theme, target);
                } else {
                    DiagramExporter.writePng(current.diagram(), direction, theme, target);
                }
                return target;
            }
        };
        task.setOnSucceeded(e -> banner.showInfo("Saved the graph to " + target + "."));
        task.setOnFailed(e -> banner.showError("The graph could not be saved to " + target + ": "
                + ModelOpenTask.messageFor(task.getException(), target.getFileName().toString())));
        recent.rememberDirectory(target.toAbsolutePath().getParent());
        status.track(task, "Exporting the graph…");
        services.background().execute(task);
    }

    private void showOpened(OpenedModel opened) {
        Model m = opened.model();
        banner.hide();
        model.set(m);
        graph.showModel(m, opened.topLevel());
        modelProperties.showModel(m);
        nodeProperties.clear();
        prediction.showModel(m);
        insight.showModel(m);
        if (compareView != null) {
            compareView.showModel(m);
        }
        sidebar.getSelectionModel().select(modelTab);
        if (find.isVisible()) {
            find.refresh();
        }
        if (m.path() != null) {
            recent.add(m.path());
            menu.refreshRecent();
            status.setPath(m.path().toString());
            stage.setTitle(m.path().getFileName() + " — ONNX Workbench");
        }
        long top = m.graph().nodes().size();
        long total = m.graph().totalNodeCount();
        String nodes = top == 1 ? "1 node" : top + " nodes";
        status.setNodeCount(top == total ? nodes : nodes + " (" + total + " with subgraphs)");
        status.setLayoutTime("read " + opened.readMillis() + " ms");
    }

    private void goTo(GraphSearch.Match match) {
        graph.view().setSelectedNodeId(match.diagramId());
        graph.view().centerOn(match.diagramId());
    }

    /** Marks Find's matches in the graph (replacing the previous ones). */
    private void highlight(List<String> ids) {
        var highlighted = graph.view().getHighlightedNodeIds();
        highlighted.clear();
        highlighted.addAll(ids);
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
        Node node = current.nodesById().get(diagramId);
        if (node != null) {
            nodeProperties.showNode(node, current, graph.isFunction());
            nodeProperties.appendFacts("In the last run", insight.factsFor(node));
        } else if (current.terminalsById().containsKey(diagramId)) {
            nodeProperties.showTerminal(diagramId, current);
        } else {
            return;
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

        StackPane centre = new StackPane(graph, banner, dropTarget);
        centre.getStyleClass().add("graph-area");
        VBox graphColumn = new VBox(find, centre);
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
            if (find.isVisible()) {
                find.refresh();
            }
        });
        graph.setOnLayoutTime(ms -> status.setLayoutTime("layout " + ms + " ms"));
        stage.setOnHiding(e -> placement.save(stage));
    }

    /** A bug, not a user's mistake: say so in the window, keep going. */
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
