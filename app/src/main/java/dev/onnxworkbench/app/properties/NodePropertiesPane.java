package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.app.diagram.AttributeText;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.diagram.OperatorInfo;
import dev.onnxworkbench.app.diagram.OperatorLookup;
import dev.onnxworkbench.app.diagram.ShapeText;
import dev.onnxworkbench.models.graph.Attribute;
import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.onnxworkbench.app.task.TaskExecutor;
import java.util.function.Predicate;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The "Node" sidebar tab: operator, domain, the operator version in effect, name, category,
 * description and link; attributes (catalog defaults shown as such); inputs and outputs with
 * their formal names, tensor names (links to the producer / consumer), types and shapes; the
 * weight details of a selected initializer or Constant.
 */
public final class NodePropertiesPane extends ScrollPane {
    private final OperatorLookup operators;
    private final NodeNavigator navigator;
    private final WeightDetailsPane weightDetails;
    private final VBox content = new VBox();
    private PropertyEdits edits = PropertyEdits.NONE;

    public NodePropertiesPane(OperatorLookup operators, NodeNavigator navigator, TaskExecutor background) {
        this.operators = operators;
        this.navigator = navigator;
        this.weightDetails = new WeightDetailsPane(background);
        PropertyGrid.scrolling(this);
        content.getStyleClass().add("node-properties");
        setContent(content);
        clear();
    }

    /** In edit mode, attribute values, tensor names and input dimensions become fields that make edits. */
    public void setEdits(PropertyEdits value) {
        edits = value == null ? PropertyEdits.NONE : value;
    }

    public WeightDetailsPane weightDetails() {
        return weightDetails;
    }

    public void clear() {
        weightDetails.clear();
        Label none = new Label("Select a node in the graph to see its properties.");
        none.getStyleClass().add("placeholder-text");
        none.setWrapText(true);
        content.getChildren().setAll(none);
    }

    /** Shows an operator box's node. {@code isFunction} tells whether it calls a model-local function. */
    public void showNode(Node node, MappedGraph graph, Predicate<Node> isFunction) {
        weightDetails.clear();
        Optional<OperatorInfo> info = operators.describe(node);
        PropertyGrid grid = new PropertyGrid();
        grid.section("Node properties")
                .text("type", node.opType())
                .text("module", info.map(i -> node.domain() + " v" + i.sinceVersion())
                        .orElse(node.domain() + (node.importedOpsetVersion() >= 0 ? " (opset " + node.importedOpsetVersion() + ")" : "")))
                .text("opset import", node.importedOpsetVersion() >= 0 ? Long.toString(node.importedOpsetVersion()) : "not imported")
                .text("name", node.name())
                .text("category", capitalize(info.map(OperatorInfo::category).orElse(operators.category(node))))
                .text("description", info.map(OperatorInfo::description).orElse(
                        isFunction.test(node) ? "Calls the model-local function " + node.domain() + "." + node.opType() + "."
                                : "The operator catalog does not know this operator."))
                .text("documentation", node.docString().strip());
        info.map(OperatorInfo::documentationUrl).filter(u -> !u.isEmpty()).ifPresent(url -> {
            Hyperlink link = new Hyperlink("Operator reference ↗");
            link.getStyleClass().add("doc-link");
            link.setOnAction(e -> navigator.openLink(url));
            grid.node("reference", link);
        });

        addAttributes(grid, node, info);
        addInputs(grid, node, graph, info);
        addOutputs(grid, node, graph, info);
        addSubgraphs(grid, node, isFunction);
        content.getChildren().setAll(grid, weightDetails);

        if (node.opType().equals("Constant") && node.outputs().size() == 1) {
            Tensor value = graph.weights().get(node.outputs().getFirst());
            if (value != null) {
                weightDetails.show("output", value);
            }
        }
    }

    /**
     * Adds a section of facts about the shown node from elsewhere (what a run measured: FLOPs, time,
     * provider, actual shapes) above its properties; nothing when {@code facts} is empty.
     */
    public void appendFacts(String title, java.util.Map<String, String> facts) {
        if (facts.isEmpty()) {
            return;
        }
        PropertyGrid grid = new PropertyGrid();
        grid.setId("node-run-facts");
        grid.section(title);
        facts.forEach(grid::mono);
        content.getChildren().addFirst(grid); // first: after a run, what it measured is what the user came for
    }

    /** Shows a graph input or output terminal. */
    public void showTerminal(String diagramId, MappedGraph graph) {
        weightDetails.clear();
        ValueInfo v = graph.terminalsById().get(diagramId);
        if (v == null) {
            clear();
            return;
        }
        boolean input = diagramId.startsWith("input:");
        PropertyGrid grid = new PropertyGrid();
        grid.section(input ? "Graph input" : "Graph output");
        if (edits.editable()) {
            grid.node("name", renameField(v.name()));
        } else {
            grid.text("name", v.name());
        }
        grid.mono("type", v.type().toString());
        if (input && edits.editable() && v.type() instanceof dev.onnxworkbench.models.graph.ValueType.TensorType t
                && t.shape().rankKnown()) {
            grid.node("shape", dimensionFields(v.name(), t.shape()));
        }
        grid.text("description", v.docString().strip());
        grid.section(input ? "Consumers" : "Producer");
        if (input) {
            graph.consumersOf(v.name()).forEach(id -> grid.node("", jumpLink(describe(graph, id), id)));
        } else {
            graph.producerOf(v.name()).ifPresent(id -> grid.node("", jumpLink(describe(graph, id), id)));
        }
        content.getChildren().setAll(grid);
    }

    /** Shows a tensor flowing along an edge: its type, producer and consumers. */
    public void showTensor(String tensorName, MappedGraph graph) {
        weightDetails.clear();
        PropertyGrid grid = new PropertyGrid();
        grid.section("Tensor");
        if (edits.editable()) {
            grid.node("name", renameField(tensorName));
        } else {
            grid.text("name", tensorName);
        }
        grid.mono("type", typeText(graph, tensorName));
        graph.producerOf(tensorName).ifPresent(id -> grid.node("producer", tensorRow(jumpLink(describe(graph, id), id), "")));
        List<String> consumers = graph.consumersOf(tensorName);
        for (int i = 0; i < consumers.size(); i++) {
            grid.node(i == 0 ? "consumers" : "", tensorRow(jumpLink(describe(graph, consumers.get(i)), consumers.get(i)), ""));
        }
        content.getChildren().setAll(grid);
    }

    /** Shows the details of a weight (an initializer or a Constant's value) by tensor name. */
    public void showWeight(String role, Tensor tensor) {
        if (!content.getChildren().contains(weightDetails)) {
            content.getChildren().add(weightDetails);
        }
        weightDetails.show(role, tensor);
        reveal(weightDetails);
    }

    private static final javafx.css.PseudoClass JUST_SHOWN = javafx.css.PseudoClass.getPseudoClass("just-shown");

    /**
     * Scrolls {@code part} to the top of the pane and flashes it: a weight link used to change something
     * below the fold, so a click seemed to do nothing.
     */
    private void reveal(javafx.scene.layout.Region part) {
        applyCss();
        layout();
        double top = part.getBoundsInParent().getMinY();
        double total = content.getBoundsInLocal().getHeight();
        double visible = getViewportBounds().getHeight();
        if (total > visible) {
            setVvalue(Math.max(0, Math.min(1, top / (total - visible))) * (getVmax() - getVmin()) + getVmin());
        }
        part.pseudoClassStateChanged(JUST_SHOWN, true);
        javafx.animation.PauseTransition fade = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1.5));
        fade.setOnFinished(e -> part.pseudoClassStateChanged(JUST_SHOWN, false));
        fade.play();
    }

    /** True while a just-revealed part is flashed (tests). */
    boolean weightFlashed() {
        return weightDetails.getPseudoClassStates().contains(JUST_SHOWN);
    }

    private void addAttributes(PropertyGrid grid, Node node, Optional<OperatorInfo> info) {
        Set<String> set = new HashSet<>();
        List<Attribute> attributes = node.attributes();
        List<OperatorInfo.AttributeInfo> declared = info.map(OperatorInfo::attributes).orElse(List.of());
        boolean hasDefaults = declared.stream().anyMatch(a -> !a.defaultValue().isEmpty() && attributes.stream().noneMatch(x -> x.name().equals(a.name())));
        if (attributes.isEmpty() && !hasDefaults) {
            return;
        }
        grid.section("Attributes");
        for (Attribute a : attributes) {
            set.add(a.name());
            if (a.value() instanceof AttributeValue.GraphValue || a.value() instanceof AttributeValue.Graphs) {
                grid.node(a.name(), valueWithType("subgraph — see below", AttributeText.typeName(a.value())));
                continue;
            }
            Optional<String> editable = edits.editable() ? AttributeEditText.of(a.value()) : Optional.empty();
            if (editable.isPresent()) {
                grid.node(a.name(), attributeField(node, a.name(), editable.get()));
                continue;
            }
            grid.node(a.name(), valueWithType(AttributeText.format(a.value()), AttributeText.typeName(a.value())));
        }
        for (OperatorInfo.AttributeInfo a : declared) {
            if (!set.contains(a.name()) && !a.defaultValue().isEmpty() && edits.editable()) {
                grid.node(a.name(), new InPlaceField("edit-attr-" + a.name(), "", a.defaultValue() + "  (default)",
                        (text, refused) -> edits.setAttribute(node, a.name(), text, refused)));
            } else if (!set.contains(a.name()) && !a.defaultValue().isEmpty()) {
                Label value = PropertyGrid.valueLabel(a.defaultValue() + "  (default)", true);
                value.getStyleClass().add("default-value");
                grid.node(a.name(), value);
            }
        }
    }

    private void addInputs(PropertyGrid grid, Node node, MappedGraph graph, Optional<OperatorInfo> info) {
        if (node.inputs().isEmpty()) {
            return;
        }
        grid.section("Inputs");
        for (int k = 0; k < node.inputs().size(); k++) {
            String tensorName = node.inputs().get(k);
            int position = k;
            String formal = info.map(i -> i.inputName(position)).filter(s -> !s.isEmpty()).orElse("input " + k);
            if (tensorName.isEmpty()) {
                grid.node(formal, muted("not set (optional)"));
                continue;
            }
            Tensor weight = graph.weights().get(tensorName);
            String type = typeText(graph, tensorName);
            if (weight != null && graph.producerOf(tensorName).map(id -> !graph.nodesById().containsKey(id)
                    || graph.nodesById().get(id) == node).orElse(true)) {
                Hyperlink link = new Hyperlink(tensorName);
                link.setMnemonicParsing(false); // tensor names keep their underscores
                link.setOnAction(e -> showWeight(formal, weight));
                grid.node(formal, tensorRow(link, weight.elementType().displayName() + ShapeText.weight(weight.dims())
                        + "  · weight"));
                continue;
            }
            Optional<String> producer = graph.producerOf(tensorName);
            if (edits.editable() && producer.isPresent()) {
                grid.node(formal, tensorRow(renameField(tensorName), type));
            } else if (producer.isPresent()) {
                grid.node(formal, tensorRow(jumpLink(tensorName, producer.get()), type));
            } else {
                grid.node(formal, tensorRow(new Label(tensorName), type + (type.isEmpty() ? "" : "  · ") + "from outer scope"));
            }
        }
    }

    private void addOutputs(PropertyGrid grid, Node node, MappedGraph graph, Optional<OperatorInfo> info) {
        if (node.outputs().isEmpty()) {
            return;
        }
        grid.section("Outputs");
        for (int k = 0; k < node.outputs().size(); k++) {
            String tensorName = node.outputs().get(k);
            int position = k;
            String formal = info.map(i -> i.outputName(position)).filter(s -> !s.isEmpty()).orElse("output " + k);
            if (tensorName.isEmpty()) {
                grid.node(formal, muted("not produced"));
                continue;
            }
            List<String> consumers = graph.consumersOf(tensorName);
            javafx.scene.Node name = edits.editable() ? renameField(tensorName)
                    : consumers.isEmpty() ? new Label(tensorName) : jumpLink(tensorName, consumers.getFirst());
            grid.node(formal, tensorRow(name, typeText(graph, tensorName)));
        }
    }

    private void addSubgraphs(PropertyGrid grid, Node node, Predicate<Node> isFunction) {
        List<Node.NamedGraph> subgraphs = node.subgraphs();
        if (subgraphs.isEmpty() && !isFunction.test(node)) {
            return;
        }
        grid.section("Subgraphs");
        for (Node.NamedGraph sub : subgraphs) {
            Button open = new Button("Open " + sub.attributeName());
            open.setMnemonicParsing(false); // "Open else_branch", not "Open elsebranch"
            open.getStyleClass().add("open-subgraph");
            open.setOnAction(e -> navigator.openSubgraph(node, sub));
            grid.node(sub.attributeName(), new HBox(8, open, muted(sub.graph().nodes().size() + " nodes")));
        }
        if (isFunction.test(node)) {
            Button open = new Button("Open function body");
            open.getStyleClass().add("open-subgraph");
            open.setOnAction(e -> navigator.openFunction(node));
            grid.node("function", open);
        }
    }

    private InPlaceField attributeField(Node node, String attribute, String value) {
        return new InPlaceField("edit-attr-" + attribute, value,
                (text, refused) -> edits.setAttribute(node, attribute, text, refused));
    }

    private InPlaceField renameField(String tensor) {
        return new InPlaceField("edit-name-" + tensor, tensor, (text, refused) -> edits.rename(tensor, text, refused));
    }

    /** One field per dimension of an input: a number makes it static, a name (or ?) dynamic. */
    private javafx.scene.layout.FlowPane dimensionFields(String input, dev.onnxworkbench.models.graph.Shape shape) {
        javafx.scene.layout.FlowPane dims = new javafx.scene.layout.FlowPane(4, 4);
        dims.getStyleClass().add("in-place-dimensions");
        for (int axis = 0; axis < shape.rank(); axis++) {
            int at = axis;
            InPlaceField field = new InPlaceField("edit-dim-" + axis, shape.dims().get(axis).toString(),
                    (text, refused) -> edits.setDimension(input, at, text, refused));
            field.field().setPrefColumnCount(5);
            dims.getChildren().add(field);
        }
        return dims;
    }

    private Hyperlink jumpLink(String text, String diagramId) {
        Hyperlink link = new Hyperlink(text);
        link.setMnemonicParsing(false); // names from the model keep their underscores
        link.setOnAction(e -> navigator.jumpTo(diagramId));
        return link;
    }

    private static VBox tensorRow(javafx.scene.Node name, String type) {
        VBox box = new VBox(0, name);
        box.getStyleClass().add("property-value");
        box.setMinWidth(0);
        if (!type.isEmpty()) {
            Label t = new Label(type);
            t.getStyleClass().addAll("muted", "mono");
            t.setWrapText(true);
            box.getChildren().add(t);
        }
        return box;
    }

    private static VBox valueWithType(String value, String type) {
        Label v = new Label(value);
        v.getStyleClass().add("mono");
        v.setWrapText(true);
        Label t = new Label(type);
        t.getStyleClass().add("muted");
        VBox box = new VBox(0, v, t);
        box.getStyleClass().add("property-value");
        return box;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }

    private static String typeText(MappedGraph graph, String tensorName) {
        ValueInfo v = graph.types().get(tensorName);
        return v == null ? "" : v.type().toString();
    }

    private static String describe(MappedGraph graph, String id) {
        Node n = graph.nodesById().get(id);
        if (n != null) {
            return n.opType() + (n.name().isEmpty() ? "" : "  " + n.name());
        }
        ValueInfo t = graph.terminalsById().get(id);
        return t == null ? id : t.name();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
