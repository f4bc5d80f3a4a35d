package dev.onnxworkbench.models.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lookups over one graph's named values, built once in O(nodes + values): which node produces a
 * value, which nodes consume it, its declared type, and the initializer of that name. Subgraphs
 * are indexed on their own ({@link #of} on the subgraph); here, a node whose subgraphs read a value
 * of this graph without declaring it (an If branch using an outer tensor) is listed by
 * {@link #capturingNodes}, not by {@link #consumers}, since no edge is drawn for such a use.
 */
public final class GraphIndex {
    private final Graph graph;
    private final Map<String, Node> producers;
    private final Map<String, List<Node>> consumers;
    private final Map<String, ValueType> types;
    private final Map<String, Tensor> initializers;
    private final Set<String> inputNames = new HashSet<>();
    private final Map<String, List<Node>> capturing = new HashMap<>();

    private GraphIndex(Graph graph) {
        this.graph = graph;
        int valueCount = graph.nodes().size() * 2 + graph.inputs().size() + graph.initializers().size();
        this.producers = HashMap.newHashMap(valueCount);
        this.consumers = HashMap.newHashMap(valueCount);
        this.types = HashMap.newHashMap(valueCount);
        this.initializers = HashMap.newHashMap(graph.initializers().size());
        for (Node node : graph.nodes()) {
            for (String out : node.outputs()) {
                if (!out.isEmpty()) {
                    producers.putIfAbsent(out, node);
                }
            }
            for (String in : node.inputs()) {
                if (!in.isEmpty()) {
                    List<Node> list = consumers.computeIfAbsent(in, k -> new ArrayList<>(2));
                    // A node that reads the same value twice (Mul(x, x)) is one consumer.
                    if (list.isEmpty() || list.getLast() != node) {
                        list.add(node);
                    }
                }
            }
        }
        for (Tensor t : graph.initializers()) {
            initializers.putIfAbsent(t.name(), t);
            types.put(t.name(), t.type());
        }
        for (SparseTensor t : graph.sparseInitializers()) {
            types.putIfAbsent(t.name(), new ValueType.SparseTensorType(t.values().elementType(),
                    Shape.of(t.dims().stream().mapToLong(Long::longValue).toArray())));
        }
        // Declared types win over those derived from initializers: inputs, then value_info, then outputs.
        putDeclared(graph.valueInfo());
        putDeclared(graph.outputs());
        putDeclared(graph.inputs());
        graph.inputs().forEach(v -> inputNames.add(v.name()));
        for (Node node : graph.nodes()) {
            if (node.attributes().isEmpty()) {
                continue;
            }
            Set<String> captured = new LinkedHashSet<>();
            for (Node.NamedGraph sub : node.subgraphs()) {
                collectCaptured(sub.graph(), Set.of(), captured);
            }
            for (String name : captured) {
                capturing.computeIfAbsent(name, k -> new ArrayList<>(1)).add(node);
            }
        }
    }

    /** Names a subgraph (and its own subgraphs) reads but neither declares nor produces: values from outside. */
    private static void collectCaptured(Graph sub, Set<String> definedOutside, Set<String> captured) {
        Set<String> defined = new HashSet<>(definedOutside);
        sub.inputs().forEach(v -> defined.add(v.name()));
        sub.initializers().forEach(t -> defined.add(t.name()));
        sub.sparseInitializers().forEach(t -> defined.add(t.name()));
        for (Node n : sub.nodes()) {
            n.outputs().forEach(defined::add);
        }
        for (Node n : sub.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    captured.add(in);
                }
            }
            for (Node.NamedGraph inner : n.subgraphs()) {
                collectCaptured(inner.graph(), defined, captured);
            }
        }
        for (ValueInfo out : sub.outputs()) {
            if (!defined.contains(out.name())) {
                captured.add(out.name()); // a branch may output an outer value directly
            }
        }
    }

    /** Indexes {@code graph} (its own nodes, not those of subgraphs). */
    public static GraphIndex of(Graph graph) {
        return new GraphIndex(graph);
    }

    private void putDeclared(List<ValueInfo> infos) {
        for (ValueInfo v : infos) {
            if (!(v.type() instanceof ValueType.Unknown) || !types.containsKey(v.name())) {
                types.put(v.name(), v.type());
            }
        }
    }

    public Graph graph() {
        return graph;
    }

    /** The node that produces {@code valueName}, empty for graph inputs, initializers and unknown names. */
    public Optional<Node> producer(String valueName) {
        return Optional.ofNullable(producers.get(valueName));
    }

    /** Nodes that read {@code valueName}, in graph order; empty when none. */
    public List<Node> consumers(String valueName) {
        List<Node> list = consumers.get(valueName);
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Nodes whose subgraphs read {@code valueName} from this graph without an edge (If/Loop/Scan captures). */
    public List<Node> capturingNodes(String valueName) {
        List<Node> list = capturing.get(valueName);
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The declared type of a value (input, output, value_info or initializer), if the file states one. */
    public Optional<ValueType> type(String valueName) {
        return Optional.ofNullable(types.get(valueName));
    }

    public Optional<Tensor> initializer(String valueName) {
        return Optional.ofNullable(initializers.get(valueName));
    }

    public boolean isGraphInput(String valueName) {
        return inputNames.contains(valueName);
    }

    /** Every value name that a node produces or consumes, or that the graph declares. */
    public Set<String> valueNames() {
        Set<String> names = new LinkedHashSet<>();
        graph.inputs().forEach(v -> names.add(v.name()));
        initializers.keySet().forEach(names::add);
        for (Node n : graph.nodes()) {
            n.inputs().stream().filter(s -> !s.isEmpty()).forEach(names::add);
            n.outputs().stream().filter(s -> !s.isEmpty()).forEach(names::add);
        }
        graph.outputs().forEach(v -> names.add(v.name()));
        return names;
    }
}
