package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A graph drawn as a diagram, with the way back from a diagram id to what it stands for: the
 * properties panel, Find and "jump to producer" use these maps.
 *
 * @param nodesById     operator boxes: diagram id → ONNX node
 * @param terminalsById input/output terminals: diagram id → the graph input or output
 * @param producerId    value name → the diagram id that produces it (a box or an input terminal)
 * @param consumerIds   value name → diagram ids that consume it (boxes, output terminals; folded
 *                      weights map to the box they are folded into)
 * @param weights       value name → the constant tensor behind an initializer or Constant node
 * @param types         value name → declared type (inputs, outputs, value_info, initializers)
 * @param bodies        the If/Loop/Scan bodies, mapped with ids prefixed by their owner's
 *                      ({@code <owner id>/<attribute>/node:3}), by {@code <owner id>/<attribute>}: the
 *                      diagram's inline subgraphs; {@link #findNode} and {@link #findTerminal} look into them
 */
public record MappedGraph(
        Graph graph,
        Diagram diagram,
        Map<String, Node> nodesById,
        Map<String, ValueInfo> terminalsById,
        Map<String, String> producerId,
        Map<String, List<String>> consumerIds,
        Map<String, Tensor> weights,
        Map<String, ValueInfo> types,
        Map<String, MappedGraph> bodies) {

    /**
     * The maps are wrapped, not copied: the mapper hands over maps nobody else holds, and copying
     * hundreds of thousands of entries would cost more than building them.
     */
    public MappedGraph {
        nodesById = Collections.unmodifiableMap(nodesById);
        terminalsById = Collections.unmodifiableMap(terminalsById);
        producerId = Collections.unmodifiableMap(producerId);
        consumerIds = Collections.unmodifiableMap(consumerIds);
        weights = Collections.unmodifiableMap(weights);
        types = Collections.unmodifiableMap(types);
        bodies = Collections.unmodifiableMap(bodies);
    }

    /** A graph without mapped bodies. */
    public MappedGraph(Graph graph, Diagram diagram, Map<String, Node> nodesById, Map<String, ValueInfo> terminalsById,
                       Map<String, String> producerId, Map<String, List<String>> consumerIds,
                       Map<String, Tensor> weights, Map<String, ValueInfo> types) {
        this(graph, diagram, nodesById, terminalsById, producerId, consumerIds, weights, types, Map.of());
    }

    /**
     * The ONNX node behind a diagram id of this graph or of any body drawn inline (the view's selection
     * can be a node inside an expanded If).
     */
    public Optional<Node> findNode(String diagramId) {
        return Optional.ofNullable(owner(diagramId)).map(g -> g.nodesById.get(diagramId));
    }

    /** The graph input or output behind a terminal id here or in an inline body. */
    public Optional<ValueInfo> findTerminal(String diagramId) {
        return Optional.ofNullable(owner(diagramId)).map(g -> g.terminalsById.get(diagramId));
    }

    /** The graph (this one or a body, at any depth) whose diagram holds the id, or null. */
    public MappedGraph owner(String diagramId) {
        if (nodesById.containsKey(diagramId) || terminalsById.containsKey(diagramId)) {
            return this;
        }
        for (Map.Entry<String, MappedGraph> b : bodies.entrySet()) {
            if (diagramId.startsWith(b.getKey() + "/")) {
                MappedGraph found = b.getValue().owner(diagramId);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The ONNX node of a box of this graph or of a body drawn inline. */
    public Optional<Node> node(String diagramId) {
        Node here = nodesById.get(diagramId);
        return here != null ? Optional.of(here) : findNode(diagramId);
    }

    /** The diagram id of the box an ONNX node is drawn as. */
    public Optional<String> idOf(Node node) {
        return nodesById.entrySet().stream().filter(e -> e.getValue() == node).map(Map.Entry::getKey).findFirst();
    }

    public List<String> consumersOf(String valueName) {
        List<String> ids = consumerIds.get(valueName);
        return ids == null ? List.of() : Collections.unmodifiableList(ids);
    }

    public Optional<String> producerOf(String valueName) {
        return Optional.ofNullable(producerId.get(valueName));
    }
}
