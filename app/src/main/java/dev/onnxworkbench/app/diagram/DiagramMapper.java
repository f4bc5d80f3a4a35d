package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramRow;
import dev.onnxworkbench.graphview.DiagramSubgraph;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Attribute;
import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Draws an ONNX graph the way Netron does: one box per operator titled with its type and coloured
 * by category; initializers never get a box but become weight rows of each consumer
 * ({@code W ⟨64×3×7×7⟩}); a Constant node feeding exactly one consumer is folded the same way;
 * attributes become rows ({@code kernel_shape = 3,3}); graph inputs and outputs become terminals;
 * edges carry the tensor shape when it is known. Stateless and thread-safe: runs off the FX thread.
 */
public final class DiagramMapper {
    /** Attribute values longer than this are cut in the box (the properties panel shows them whole). */
    private static final int MAX_ROW_VALUE = 36;

    private final OperatorLookup operators;

    public DiagramMapper(OperatorLookup operators) {
        this.operators = operators;
    }

    /**
     * Maps a graph. {@code isFunction} tells whether a node calls a model-local function (drawn
     * as expandable, like If/Loop/Scan).
     */
    public MappedGraph map(Graph graph, DiagramOptions options, Predicate<Node> isFunction) {
        return map(graph, options, isFunction, "", OuterScope.NONE, false);
    }

    /**
     * Maps a body shown on its own (double-click on an If/Loop/Scan): the values it takes from
     * {@code enclosing} (outer scope) become input terminals titled with the value's name, subtitled
     * "outer scope", so no consumer sits unconnected; the enclosing graph's weights become rows.
     */
    public MappedGraph mapAlone(Graph body, DiagramOptions options, Predicate<Node> isFunction,
                                MappedGraph enclosing) {
        OuterScope outer = enclosing == null ? OuterScope.NONE
                : OuterScope.NONE.enter(enclosing.producerId(), enclosing.weights(), enclosing.types());
        return map(body, options, isFunction, "", outer, true);
    }

    /**
     * Maps a graph whose diagram ids start with {@code prefix} (bodies: {@code <owner id>/<attribute>/}),
     * seeing the values of the enclosing graphs through {@code outer}: an input produced there becomes an
     * outer-scope edge from its producer's box (drawn dashed when the body is expanded inline), an outer
     * weight a row. Every If/Loop/Scan body is mapped too, as the node's inline {@link DiagramSubgraph}s.
     */
    private MappedGraph map(Graph graph, DiagramOptions options, Predicate<Node> isFunction, String prefix,
                            OuterScope outer, boolean alone) {
        Map<String, Tensor> initializers = new HashMap<>();
        graph.initializers().forEach(t -> initializers.put(t.name(), t));

        Map<String, ValueInfo> types = new HashMap<>();
        initializers.values().forEach(t -> types.put(t.name(), new ValueInfo(t.name(), t.type())));
        graph.valueInfo().forEach(v -> types.put(v.name(), v));
        graph.inputs().forEach(v -> types.put(v.name(), v));
        graph.outputs().forEach(v -> types.put(v.name(), v));

        Set<String> graphOutputs = new HashSet<>();
        graph.outputs().forEach(v -> graphOutputs.add(v.name()));
        Map<String, Integer> useCount = new HashMap<>();
        for (Node node : graph.nodes()) {
            for (String in : node.inputs()) {
                if (!in.isEmpty()) {
                    useCount.merge(in, 1, Integer::sum);
                }
            }
        }

        // Constant nodes whose single output feeds exactly one node input (and is not a graph output) fold away.
        Map<String, Tensor> foldedConstants = new HashMap<>();
        // By identity: Node is a record, and its deep hashCode (inputs, attributes, bodies) cost a second per
        // 50,000-node open.
        Set<Node> foldedNodes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Node node : graph.nodes()) {
            if (isConstant(node) && node.outputs().size() == 1) {
                String out = node.outputs().getFirst();
                Optional<Tensor> value = constantValue(node);
                if (value.isPresent() && useCount.getOrDefault(out, 0) == 1 && !graphOutputs.contains(out)) {
                    foldedConstants.put(out, value.get());
                    foldedNodes.add(node);
                }
            }
        }
        Map<String, Tensor> weights = new HashMap<>(initializers);
        weights.putAll(foldedConstants);
        for (Node node : graph.nodes()) {
            if (isConstant(node) && node.outputs().size() == 1) {
                constantValue(node).ifPresent(t -> weights.putIfAbsent(node.outputs().getFirst(), t));
            }
        }
        foldedConstants.forEach((name, t) -> types.putIfAbsent(name, new ValueInfo(name, t.type())));

        List<DiagramNode> boxes = new ArrayList<>();
        List<DiagramEdge> edges = new ArrayList<>();
        Map<String, Node> nodesById = new LinkedHashMap<>();
        Map<String, ValueInfo> terminalsById = new LinkedHashMap<>();
        Map<String, String> producerId = new HashMap<>();
        Map<String, List<String>> consumerIds = new HashMap<>();

        // Inputs that are also initializers (IR < 4 models list weights as inputs) are weights, not terminals.
        for (ValueInfo input : graph.inputs()) {
            if (initializers.containsKey(input.name())) {
                continue;
            }
            String id = prefix + "input:" + input.name();
            boxes.add(new DiagramNode(id, DiagramNode.Kind.INPUT, input.name(), "", "input", List.of(), false));
            terminalsById.put(id, input);
            producerId.put(input.name(), id);
        }

        List<Node> drawn = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            Node node = graph.nodes().get(i);
            if (foldedNodes.contains(node)) {
                continue;
            }
            String id = prefix + "node:" + i;
            nodesById.put(id, node);
            drawn.add(node);
            for (String out : node.outputs()) {
                if (!out.isEmpty()) {
                    producerId.putIfAbsent(out, id);
                }
            }
        }
        Map<Node, String> idByNode = new java.util.IdentityHashMap<>();
        nodesById.forEach((id, node) -> idByNode.put(node, id));
        OuterScope inner = outer.enter(producerId, weights, types);
        Map<String, MappedGraph> bodies = new LinkedHashMap<>();

        for (Node node : drawn) {
            String id = idByNode.get(node);
            Optional<OperatorInfo> info = operators.describe(node);
            List<DiagramRow> rows = new ArrayList<>();
            for (int k = 0; k < node.inputs().size(); k++) {
                String in = node.inputs().get(k);
                int position = k;
                if (in.isEmpty()) {
                    continue;
                }
                consumerIds.computeIfAbsent(in, x -> new ArrayList<>()).add(id);
                Tensor weight = initializers.containsKey(in) ? initializers.get(in) : foldedConstants.get(in);
                if (weight == null && !producerId.containsKey(in)) {
                    weight = outer.weight(in); // an enclosing graph's weight used in this body
                }
                if (weight != null && !producerId.containsKey(in)) {
                    String formal = info.map(schema -> schema.inputName(position)).orElse("");
                    String rowName = formal.isEmpty() ? shortName(in) : formal;
                    String scalar = scalarText(weight);
                    rows.add(scalar != null
                            ? new DiagramRow(DiagramRow.Kind.ATTRIBUTE, rowName, scalar)
                            : new DiagramRow(DiagramRow.Kind.WEIGHT, rowName, ShapeText.weight(weight.dims())));
                    continue;
                }
                if (alone && !producerId.containsKey(in) && outer.producer(in) != null) {
                    // Shown alone, an outer-scope value enters through a terminal of its own.
                    String terminal = "outer:" + in;
                    boxes.add(new DiagramNode(terminal, DiagramNode.Kind.INPUT, in, "outer scope", "input", List.of(),
                            false));
                    ValueInfo outerType = outer.type(in);
                    if (outerType != null) {
                        terminalsById.put(terminal, outerType);
                    }
                    producerId.put(in, terminal);
                }
                String from = producerId.containsKey(in) ? producerId.get(in) : outer.producer(in);
                if (from != null) {
                    ValueInfo type = types.containsKey(in) ? types.get(in) : outer.type(in);
                    String label = options.showShapes() && type != null ? ShapeText.edgeLabel(type.type()) : "";
                    edges.add(new DiagramEdge(in + "→" + id + "#" + k, from, id, label, in));
                }
            }
            if (options.showAttributes()) {
                for (Attribute a : node.attributes()) {
                    if (isDrawnAttribute(node, a)) {
                        rows.add(new DiagramRow(DiagramRow.Kind.ATTRIBUTE, a.name(), cut(attributeRowText(node, a))));
                    }
                }
            }
            boolean expandable = !node.subgraphs().isEmpty() || isFunction.test(node);
            String subtitle = options.showNames() ? node.name() : "";
            List<DiagramSubgraph> inline = new ArrayList<>();
            for (Node.NamedGraph sub : node.subgraphs()) {
                String bodyPrefix = id + "/" + sub.attributeName() + "/";
                MappedGraph body = map(sub.graph(), options, isFunction, bodyPrefix, inner, false);
                bodies.put(id + "/" + sub.attributeName(), body);
                inline.add(new DiagramSubgraph(sub.attributeName(), body.diagram()));
            }
            boxes.add(new DiagramNode(id, DiagramNode.Kind.OPERATOR, node.opType(), subtitle,
                    operators.category(node), rows, expandable, inline));
        }

        for (ValueInfo output : graph.outputs()) {
            String id = prefix + "output:" + output.name();
            boxes.add(new DiagramNode(id, DiagramNode.Kind.OUTPUT, output.name(), "", "output", List.of(), false));
            terminalsById.put(id, output);
            consumerIds.computeIfAbsent(output.name(), x -> new ArrayList<>()).add(id);
            String from = producerId.get(output.name());
            if (from != null) {
                String label = options.showShapes() ? ShapeText.edgeLabel(output.type()) : "";
                edges.add(new DiagramEdge(output.name() + "→" + id, from, id, label, output.name()));
            }
        }
        // Folded weights: the box they are folded into stands in for their producer in navigation and Find.
        foldedConstants.keySet().forEach(name -> consumerIds.getOrDefault(name, List.of()).stream().findFirst()
                .ifPresent(consumer -> producerId.putIfAbsent(name, consumer)));

        return new MappedGraph(graph, new Diagram(boxes, edges), nodesById, terminalsById, producerId,
                consumerIds, weights, types, bodies);
    }

    /**
     * The value of a scalar weight stored in the model file, as Netron prints it ({@code B = 6});
     * null for anything larger, external or unreadable (then the shape is shown instead).
     */
    static String scalarText(Tensor t) {
        if (!t.dims().isEmpty() || t.data() == null || t.data().isExternal()
                || t.elementType() == ElementType.STRING || t.elementType().bits() == 0) {
            return null;
        }
        try {
            List<Double> first = TensorStatistics.compute(t, 1).first();
            if (first.isEmpty()) {
                return null;
            }
            double v = first.getFirst();
            if (t.elementType() == ElementType.BOOL) {
                return v != 0 ? "true" : "false";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return AttributeText.formatFloat((float) v);
        } catch (WorkbenchException | RuntimeException unreadable) {
            return null;
        }
    }

    static boolean isConstant(Node node) {
        return node.opType().equals("Constant") && node.domain().equals(OpsetImport.DEFAULT_DOMAIN);
    }

    /** The tensor a Constant node produces, when it is stored as a tensor attribute ({@code value}). */
    static Optional<Tensor> constantValue(Node node) {
        for (Attribute a : node.attributes()) {
            if (a.value() instanceof AttributeValue.TensorValue t) {
                return Optional.of(t.tensor());
            }
        }
        return Optional.empty();
    }

    /** Every attribute is drawn; subgraphs as their graph's name (Netron: "then_branch: sub_graph2"). */
    private static boolean isDrawnAttribute(Node node, Attribute a) {
        return !(a.value() instanceof AttributeValue.Undefined);
    }

    /** The row text of an attribute: element types by name (Cast to = float32), subgraphs by graph name. */
    static String attributeRowText(Node node, Attribute a) {
        if (a.value() instanceof AttributeValue.IntValue i && isElementTypeAttribute(node, a.name())) {
            ElementType type = ElementType.fromCode((int) i.value());
            if (type != null && i.value() == (int) i.value()) {
                return type.displayName();
            }
        }
        if (a.value() instanceof AttributeValue.GraphValue g) {
            return g.graph().name().isEmpty() ? "graph" : g.graph().name();
        }
        return AttributeText.format(a.value());
    }

    /** Attributes that hold a TensorProto.DataType code. */
    private static boolean isElementTypeAttribute(Node node, String name) {
        return switch (name) {
            case "to" -> node.opType().equals("Cast");
            case "dtype", "output_dtype", "saturate_dtype" -> true;
            default -> false;
        };
    }

    /** Long tensor names (onnx::Conv_123, model.layer1.0.conv1.weight) shortened to their last part. */
    private static String shortName(String tensorName) {
        int dot = tensorName.lastIndexOf('.');
        String s = dot >= 0 && dot < tensorName.length() - 1 ? tensorName.substring(dot + 1) : tensorName;
        return cut(s);
    }

    private static String cut(String s) {
        return s.length() <= MAX_ROW_VALUE ? s : s.substring(0, MAX_ROW_VALUE - 1) + "…";
    }
}
