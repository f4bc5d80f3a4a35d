package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.EdgeDecoration;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import java.util.Arrays;

/**
 * {@link Decorations} resolved against one layout: by node and edge index, so a frame looks them up
 * in O(1). Ids that are not in the layout are dropped. Immutable.
 */
public final class DecorationIndex {
    public static final DecorationIndex NONE = new DecorationIndex(new NodeDecoration[0], new EdgeDecoration[0],
            new int[0], false);

    private final NodeDecoration[] nodes;
    private final EdgeDecoration[] edges;
    private final int[] decoratedNodes;
    private final boolean edgeLabels;

    private DecorationIndex(NodeDecoration[] nodes, EdgeDecoration[] edges, int[] decoratedNodes, boolean edgeLabels) {
        this.nodes = nodes;
        this.edges = edges;
        this.decoratedNodes = decoratedNodes;
        this.edgeLabels = edgeLabels;
    }

    public static DecorationIndex of(Decorations decorations, DiagramLayout layout) {
        if (decorations == null || decorations.isEmpty() || layout == null) {
            return NONE;
        }
        NodeDecoration[] nodes = new NodeDecoration[layout.nodeCount()];
        int[] decorated = new int[Math.min(nodes.length, decorations.nodes().size())];
        int count = 0;
        for (var entry : decorations.nodes().entrySet()) {
            int i = layout.indexOf(entry.getKey());
            if (i >= 0) {
                nodes[i] = entry.getValue();
                decorated[count++] = i;
            }
        }
        EdgeDecoration[] edges = new EdgeDecoration[layout.edgeCount()];
        boolean labels = false;
        for (var entry : decorations.edges().entrySet()) {
            int e = layout.edgeIndexOf(entry.getKey());
            if (e >= 0) {
                edges[e] = entry.getValue();
                labels |= entry.getValue().label() != null;
            }
        }
        int[] sorted = Arrays.copyOf(decorated, count);
        Arrays.sort(sorted);
        return new DecorationIndex(nodes, edges, sorted, labels);
    }

    /** The decoration of node {@code i}, or null. */
    public NodeDecoration node(int i) {
        return i < nodes.length ? nodes[i] : null;
    }

    /** The decoration of edge {@code e}, or null. */
    public EdgeDecoration edge(int e) {
        return e < edges.length ? edges[e] : null;
    }

    /** Indices of the decorated nodes, ascending. */
    public int[] decoratedNodes() {
        return decoratedNodes.clone();
    }

    /** True when some edge's label is replaced. */
    public boolean replacesLabels() {
        return edgeLabels;
    }

    /** The label edge {@code e} shows: the decoration's override, else the declared one. */
    public String label(int e, String declared) {
        EdgeDecoration d = edge(e);
        return d != null && d.label() != null ? d.label() : declared;
    }

    /** True when edge {@code e}'s label is an override (drawn in the actual-label style). */
    public boolean isOverride(int e) {
        EdgeDecoration d = edge(e);
        return d != null && d.label() != null;
    }

    public boolean isEmpty() {
        return this == NONE;
    }
}
