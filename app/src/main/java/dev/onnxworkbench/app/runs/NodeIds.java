package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between a model's top-level nodes (by index, as the diff and the divergence finder name them) and the boxes of
 * its diagram. Constant nodes are folded into the box that reads them, so a Constant's index or tensor leads to
 * that box. Built once per diagram, off the FX thread or on it (it is cheap).
 */
public final class NodeIds {
    private final Graph graph;
    private final MappedGraph mapped;
    private final Map<Node, String> idByNode = new IdentityHashMap<>();
    private final Map<String, Integer> indexById = new HashMap<>();

    public NodeIds(MappedGraph mapped) {
        this.mapped = mapped;
        this.graph = mapped.graph();
        Map<Node, Integer> indexByNode = new IdentityHashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            indexByNode.put(graph.nodes().get(i), i);
        }
        for (Map.Entry<String, Node> e : mapped.nodesById().entrySet()) {
            idByNode.put(e.getValue(), e.getKey());
            Integer index = indexByNode.get(e.getValue());
            if (index != null) {
                indexById.put(e.getKey(), index);
            }
        }
    }

    public MappedGraph mapped() {
        return mapped;
    }

    /** The box that shows the node at {@code index}: its own, or for a folded Constant the box reading it. */
    String idOfNode(int index) {
        if (index < 0 || index >= graph.nodes().size()) {
            return null;
        }
        Node node = graph.nodes().get(index);
        String own = idByNode.get(node);
        if (own != null) {
            return own;
        }
        for (String out : node.outputs()) {
            List<String> readers = mapped.consumersOf(out);
            if (!readers.isEmpty()) {
                return readers.getFirst();
            }
        }
        return null;
    }

    /** The box producing a tensor, or for a weight (initializer, folded Constant) the box it is drawn in. */
    public String idOfTensor(String tensor) {
        return mapped.producerOf(tensor).orElseGet(() -> {
            List<String> readers = mapped.consumersOf(tensor);
            return readers.isEmpty() ? null : readers.getFirst();
        });
    }

    /**
     * The box for a weight the diff names: a top-level tensor, or {@code owner/attribute/weight} for one inside an
     * If/Loop body, which is shown on its owner's box.
     */
    String idOfWeight(String name) {
        String id = idOfTensor(name);
        int slash = name.indexOf('/');
        if (id != null || slash <= 0) {
            return id;
        }
        String owner = name.substring(0, slash);
        for (int i = 0; i < graph.nodes().size(); i++) {
            Node n = graph.nodes().get(i);
            if (n.name().equals(owner) || (n.name().isEmpty() && n.outputs().contains(owner))) {
                return idOfNode(i);
            }
        }
        return null;
    }

    /** The node index behind a box, or -1 (graph inputs and outputs, inline bodies). */
    int indexOf(String diagramId) {
        Integer i = indexById.get(diagramId);
        return i == null ? -1 : i;
    }
}
