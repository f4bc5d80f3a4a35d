package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.diagram.FunctionGraphs;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ModelFunction;
import dev.onnxworkbench.models.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The graph in the centre of the window: the {@link GraphView}, the breadcrumb of open subgraphs
 * above it, and the mapping from ONNX to diagram (done on the background executor whenever the
 * graph, a subgraph level or a View toggle changes).
 */
final class GraphPane extends BorderPane {

    /** One level of the breadcrumb: a graph and its diagram. */
    record Level(String title, MappedGraph mapped) {}

    private final GraphView view;
    private final HBox breadcrumb = new HBox();
    private final DiagramMapper mapper;
    private final TaskExecutor tasks;
    /** One mapping at a time: a new model, level or toggle supersedes the mapping still running. */
    private final TaskSlot mapping = new TaskSlot();
    private final Consumer<Throwable> onError;
    private final ObjectProperty<DiagramOptions> options = new SimpleObjectProperty<>(DiagramOptions.DEFAULT);
    private final ReadOnlyObjectWrapper<MappedGraph> current = new ReadOnlyObjectWrapper<>();
    private final List<Level> levels = new ArrayList<>();
    private Model model;
    private Predicate<Node> isFunction = n -> false;
    private Consumer<Long> onLayoutTime = ms -> { };

    GraphPane(DiagramMapper mapper, TaskExecutor tasks, Consumer<Throwable> onError) {
        this.mapper = mapper;
        this.tasks = tasks;
        this.onError = onError;
        this.view = new GraphView();
        view.setId("graph-view");
        breadcrumb.getStyleClass().add("breadcrumb");
        breadcrumb.setId("breadcrumb");
        setTop(breadcrumb);
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
        model = newModel;
        isFunction = FunctionGraphs.callsFunction(newModel);
        levels.clear();
        levels.add(new Level(titleOf(newModel), top));
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

    /** Opens an If branch / Loop or Scan body as its own level. */
    void openSubgraph(Node owner, Node.NamedGraph sub) {
        String title = (owner.name().isEmpty() ? owner.opType() : owner.name()) + " ▸ " + sub.attributeName();
        push(title, sub.graph());
    }

    /** Opens the body of the model-local function a node calls. */
    void openFunction(Node caller) {
        if (model == null) {
            return;
        }
        FunctionGraphs.find(model, caller).ifPresent(f -> push("function " + qualified(f), FunctionGraphs.asGraph(f)));
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
            levels.removeLast();
        }
        display(levels.getLast().mapped());
    }

    void up() {
        back(levels.size() - 2);
    }

    private void push(String title, Graph graph) {
        DiagramOptions opts = options.get();
        Predicate<Node> functions = isFunction;
        run(BackgroundTask.wrap(() -> mapper.map(graph, opts, functions)).onSuccess(mapped -> {
            levels.add(new Level(title, mapped));
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
                .map(l -> new Level(l.title(), mapper.map(l.mapped().graph(), opts, functions))).toList()).onSuccess(mapped -> {
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
        breadcrumb.getChildren().clear();
        boolean nested = levels.size() > 1;
        breadcrumb.setVisible(nested);
        breadcrumb.setManaged(nested);
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                Label sep = new Label("›");
                sep.getStyleClass().add("muted");
                breadcrumb.getChildren().add(sep);
            }
            Level level = levels.get(i);
            if (i == levels.size() - 1) {
                Label here = new Label(level.title());
                here.getStyleClass().add("heading");
                breadcrumb.getChildren().add(here);
            } else {
                int index = i;
                Hyperlink link = new Hyperlink(level.title());
                link.getStyleClass().add("breadcrumb-link");
                link.setOnAction(e -> back(index));
                breadcrumb.getChildren().add(link);
            }
        }
    }

    private static String titleOf(Model model) {
        if (!model.graph().name().isEmpty()) {
            return model.graph().name();
        }
        return model.path() == null ? "main graph" : model.path().getFileName().toString();
    }

    private static String qualified(ModelFunction f) {
        return f.domain().isEmpty() ? f.name() : f.domain() + "." + f.name();
    }
}
