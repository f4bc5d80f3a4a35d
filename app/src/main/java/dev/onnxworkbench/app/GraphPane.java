package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.diagram.FunctionGraphs;
import dev.onnxworkbench.app.diagram.GraphPath;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.controlsfx.control.BreadCrumbBar;

/**
 * The graph in the centre of the window: the {@link GraphView}, the breadcrumb of open subgraphs
 * above it, and the mapping from ONNX to diagram (done on the background executor whenever the
 * graph, a subgraph level or a View toggle changes).
 */
final class GraphPane extends BorderPane {

    /** One level of the breadcrumb: where the graph is in the model, its title and its diagram. */
    record Level(GraphPath path, String title, MappedGraph mapped) {
        @Override
        public String toString() {
            return title; // what the breadcrumb shows
        }
    }

    private final GraphView view;
    private final BreadCrumbBar<Level> breadcrumb = new BreadCrumbBar<>();
    private final DiagramMapper mapper;
    private final TaskExecutor tasks;
    /** One mapping at a time: a new model, level or toggle supersedes the mapping still running. */
    private final TaskSlot mapping = new TaskSlot();
    private final Consumer<Throwable> onError;
    private final ObjectProperty<DiagramOptions> options = new SimpleObjectProperty<>(DiagramOptions.DEFAULT);
    private final ReadOnlyObjectWrapper<MappedGraph> current = new ReadOnlyObjectWrapper<>();
    private final List<Level> levels = new ArrayList<>();
    /** Where each level was viewed when the user went deeper (by identity: levels hold whole diagrams). */
    private final java.util.Map<Level, dev.onnxworkbench.graphview.Viewport> leftAt = new java.util.IdentityHashMap<>();
    private final javafx.collections.ObservableList<Level> breadcrumbItems = javafx.collections.FXCollections.observableArrayList();
    private Model model;
    private Predicate<Node> isFunction = n -> false;
    private Consumer<Long> onLayoutTime = ms -> { };

    GraphPane(DiagramMapper mapper, TaskExecutor tasks, Consumer<Throwable> onError) {
        this.mapper = mapper;
        this.tasks = tasks;
        this.onError = onError;
        this.view = new GraphView();
        view.setId("graph-view");
        // The graph gives way to the window: its skin reports the canvas's last size as its minimum,
        // which would push the status bar off a smaller window (1024×700) or below an open Find panel.
        view.setMinSize(0, 0);
        setMinSize(0, 0);
        breadcrumb.getStyleClass().add("breadcrumb");
        breadcrumb.setId("breadcrumb");
        breadcrumb.setAutoNavigationEnabled(false); // back() rebuilds the crumbs from the levels
        breadcrumb.setCrumbFactory(item -> {
            BreadCrumbBar.BreadCrumbButton crumb = new BreadCrumbBar.BreadCrumbButton(item.getValue() == null ? "" : item.getValue().title());
            crumb.setMnemonicParsing(false); // titles are node and attribute names: "then_branch" keeps its underscore
            crumb.getStyleClass().add("breadcrumb-crumb");
            return crumb;
        });
        breadcrumb.setOnCrumbAction(e -> back(indexOf(e.getSelectedCrumb().getValue())));
        HBox crumbs = new HBox(breadcrumb);
        crumbs.getStyleClass().add("breadcrumb-row");
        crumbs.managedProperty().bind(crumbs.visibleProperty());
        crumbs.visibleProperty().bind(javafx.beans.binding.Bindings.size(breadcrumbItems).greaterThan(1));
        setTop(crumbs);
        // Alt+← goes back a level. A filter, because the graph control handles ← itself (it pans) and
        // consumes the key before the menu's accelerator would see it.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.LEFT && e.isAltDown() && !e.isControlDown() && !e.isShiftDown() && !e.isMetaDown()) {
                up();
                e.consume();
            }
        });
        setCenter(view);
        showBreadcrumb();
        options.addListener((obs, old, now) -> remapAll());
        view.layoutErrorProperty().addListener((obs, old, error) -> {
            if (error != null && !error.isEmpty()) {
                onError.accept(new IllegalStateException("the graph could not be laid out: " + error));
            }
        });
        view.layingOutProperty().addListener((obs, was, laying) -> {
            if (!laying) {
                onLayoutTime.accept(view.layoutMillisProperty().get());
            }
        });
    }

    GraphView view() {
        return view;
    }

    ObjectProperty<DiagramOptions> optionsProperty() {
        return options;
    }

    ReadOnlyObjectProperty<MappedGraph> currentProperty() {
        return current.getReadOnlyProperty();
    }

    MappedGraph current() {
        return current.get();
    }

    Predicate<Node> isFunction() {
        return isFunction;
    }

    List<Level> levels() {
        return List.copyOf(levels);
    }

    /** True while a subgraph or a View toggle is being mapped in the background (tests wait on it). */
    boolean isMapping() {
        return mapping.isBusy();
    }

    /** Stops a mapping still running (the window is closing). */
    void cancelMapping() {
        mapping.cancel();
    }

    void setOnLayoutTime(Consumer<Long> listener) {
        onLayoutTime = listener;
    }

    void setTheme(WorkbenchTheme theme) {
        view.setTheme(theme == WorkbenchTheme.DARK ? Theme.DARK : Theme.LIGHT);
    }

    void setDirection(LayoutDirection direction) {
        view.setDirection(direction);
    }

    /** Shows a freshly opened model's top-level graph (already mapped off the FX thread). */
    void showModel(Model newModel, MappedGraph top) {
        mapping.supersede();
        leftAt.clear();
        model = newModel;
        isFunction = FunctionGraphs.callsFunction(newModel);
        levels.clear();
        levels.add(new Level(GraphPath.ROOT, titleOf(newModel), top));
        display(top);
    }

    void clear() {
        mapping.supersede();
        model = null;
        levels.clear();
        current.set(null);
        view.setDiagram(null);
        showBreadcrumb();
    }

    /** Opens an If branch / Loop or Scan body of a node on the graph shown as its own level. */
    void openSubgraph(Node owner, Node.NamedGraph sub) {
        if (levels.isEmpty()) {
            return;
        }
        GraphPath.Subgraph step = new GraphPath.Subgraph(owner, sub.attributeName());
        push(levels.getLast().path().then(step), step.label(), sub.graph());
    }

    /** Opens the body of the model-local function a node calls. */
    void openFunction(Node caller) {
        if (model == null) {
            return;
        }
        FunctionGraphs.find(model, caller).ifPresent(f -> {
            GraphPath.Function step = new GraphPath.Function(f);
            push(GraphPath.ROOT.then(step), step.label(), step.graph());
        });
    }

    /**
     * Shows the graph at {@code path} (opening the levels down to it, as the breadcrumb would) and
     * then hands its drawing to {@code then}: Find uses this to go to a match inside a body.
     */
    void openPath(GraphPath path, Consumer<MappedGraph> then) {
        if (levels.isEmpty()) {
            return;
        }
        if (levels.getLast().path().equals(path)) {
            then.accept(levels.getLast().mapped());
            return;
        }
        // Keep the open levels the path runs through; map the rest in the background.
        int keep = 1;
        while (keep < levels.size() && keep <= path.steps().size()
                && levels.get(keep).path().equals(new GraphPath(path.steps().subList(0, keep)))) {
            keep++;
        }
        List<Level> kept = List.copyOf(levels.subList(0, keep));
        DiagramOptions opts = options.get();
        Predicate<Node> functions = isFunction;
        run(BackgroundTask.wrap(() -> {
            List<Level> more = new ArrayList<>();
            for (int i = kept.size(); i <= path.steps().size(); i++) {
                GraphPath.Step step = path.steps().get(i - 1);
                more.add(new Level(new GraphPath(path.steps().subList(0, i)), step.label(),
                        mapper.map(step.graph(), opts, functions)));
            }
            return more;
        }).onSuccess(more -> {
            rememberView();
            levels.clear();
            levels.addAll(kept);
            levels.addAll(more);
            display(levels.getLast().mapped());
            then.accept(levels.getLast().mapped());
        }));
    }

    /** Keeps where the graph shown is viewed, for coming back to it. */
    private void rememberView() {
        if (!levels.isEmpty() && view.getDiagram() != null) {
            leftAt.put(levels.getLast(), view.getViewport());
        }
    }

    /** Where the graph shown sits in the model. */
    GraphPath currentPath() {
        return levels.isEmpty() ? GraphPath.ROOT : levels.getLast().path();
    }

    /** Opens the first subgraph of a node, or its function body (double-click on an expandable box). */
    void open(Node node) {
        if (!node.subgraphs().isEmpty()) {
            openSubgraph(node, node.subgraphs().getFirst());
        } else if (isFunction.test(node)) {
            openFunction(node);
        }
    }

    /** Goes back to breadcrumb level {@code index} (0 = the main graph). */
    void back(int index) {
        if (index < 0 || index >= levels.size() - 1) {
            return;
        }
        while (levels.size() > index + 1) {
            leftAt.remove(levels.removeLast());
        }
        // Back where the user left this graph: same zoom, same place (not its first view again).
        view.restoreViewportOnNextDiagram(leftAt.remove(levels.getLast()));
        display(levels.getLast().mapped());
    }

    void up() {
        back(levels.size() - 2);
    }

    private void push(GraphPath path, String title, Graph graph) {
        DiagramOptions opts = options.get();
        Predicate<Node> functions = isFunction;
        run(BackgroundTask.wrap(() -> mapper.map(graph, opts, functions)).onSuccess(mapped -> {
            rememberView();
            levels.add(new Level(path, title, mapped));
            display(mapped);
        }));
    }

    /** Maps every open level again with the new options (View ▸ Show attributes / shapes / names). */
    private void remapAll() {
        if (levels.isEmpty()) {
            return;
        }
        DiagramOptions opts = options.get();
        List<Level> snapshot = List.copyOf(levels);
        Predicate<Node> functions = isFunction;
        run(BackgroundTask.wrap(() -> snapshot.stream()
                .map(l -> new Level(l.path(), l.title(), mapper.map(l.mapped().graph(), opts, functions))).toList()).onSuccess(mapped -> {
            String selected = view.getSelectedNodeId();
            levels.clear();
            levels.addAll(mapped);
            display(levels.getLast().mapped());
            if (selected != null) {
                view.setSelectedNodeId(selected);
            }
        }));
    }

    /** Runs a mapping in the pane's slot (superseding an older one), reporting failures. */
    private void run(BackgroundTask<?> task) {
        task.inSlot(mapping).onFailure(onError).executeWith(tasks);
    }

    private void display(MappedGraph mapped) {
        view.setSelectedNodeId(null);
        view.getHighlightedNodeIds().clear();
        current.set(mapped);
        view.setDiagram(mapped.diagram());
        showBreadcrumb();
    }

    private void showBreadcrumb() {
        breadcrumbItems.setAll(levels);
        if (levels.isEmpty()) {
            breadcrumb.setSelectedCrumb(null);
            return;
        }
        breadcrumb.setSelectedCrumb(BreadCrumbBar.buildTreeModel(levels.toArray(Level[]::new)));
    }

    /** The level's index, by identity (levels hold whole diagrams; equals would compare them). */
    private int indexOf(Level level) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i) == level) {
                return i;
            }
        }
        return -1;
    }

    /** The breadcrumb (tests press its crumbs). */
    BreadCrumbBar<Level> breadcrumb() {
        return breadcrumb;
    }

    private static String titleOf(Model model) {
        if (!model.graph().name().isEmpty()) {
            return model.graph().name();
        }
        return model.path() == null ? "main graph" : model.path().getFileName().toString();
    }
}
