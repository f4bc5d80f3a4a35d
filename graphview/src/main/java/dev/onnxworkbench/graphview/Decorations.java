package dev.onnxworkbench.graphview;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javafx.scene.paint.Color;

/**
 * Overlays on a diagram that change how nodes and edges look but never where they are: per node a
 * tint, an outline and a badge ({@link NodeDecoration}); per edge a label override and a stroke style
 * ({@link EdgeDecoration}). Keys are the diagram's node and edge ids; ids not in the diagram are
 * ignored, so one set can be kept across subgraph levels.
 *
 * <p>Immutable. Build one with {@link #builder()} and hand it to {@link GraphView#setDecorations}; the
 * view repaints without laying out again. {@link #NONE} clears them. The exporters draw them too:
 * {@code DiagramExporter.writePng(layout, palette, decorations, path)}.
 *
 * <pre>{@code
 * view.setDecorations(Decorations.builder()
 *         .fill("conv1", Color.web("#ff6a0080"))      // profile heat, translucent
 *         .badge("conv1", "12.3 ms")
 *         .outline("relu7", Outline.ERROR, false)
 *         .edgeLabel("x->conv1", "1×3×640×640")      // the actual shape of this run
 *         .edgeStyle("x->conv1", Color.RED, 2.5, true)
 *         .build());
 * }</pre>
 */
public final class Decorations {
    /** No decorations. */
    public static final Decorations NONE = new Decorations(Map.of(), Map.of());

    private final Map<String, NodeDecoration> nodes;
    private final Map<String, EdgeDecoration> edges;

    private Decorations(Map<String, NodeDecoration> nodes, Map<String, EdgeDecoration> edges) {
        this.nodes = Map.copyOf(nodes);
        this.edges = Map.copyOf(edges);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these decorations (to add to or change a set in place). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nodes.putAll(nodes);
        b.edges.putAll(edges);
        return b;
    }

    /** The decoration of a node, or null. */
    public NodeDecoration node(String nodeId) {
        return nodes.get(nodeId);
    }

    /** The decoration of an edge, or null. */
    public EdgeDecoration edge(String edgeId) {
        return edges.get(edgeId);
    }

    /** All node decorations by node id (unmodifiable). */
    public Map<String, NodeDecoration> nodes() {
        return nodes;
    }

    /** All edge decorations by edge id (unmodifiable). */
    public Map<String, EdgeDecoration> edges() {
        return edges;
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && edges.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decorations d && d.nodes.equals(nodes) && d.edges.equals(edges);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode() * 31 + edges.hashCode();
    }

    @Override
    public String toString() {
        return "Decorations[" + nodes.size() + " nodes, " + edges.size() + " edges]";
    }

    /** Collects decorations; the setters for one id combine (a fill and a badge on the same node). */
    public static final class Builder {
        private final Map<String, NodeDecoration> nodes = new HashMap<>();
        private final Map<String, EdgeDecoration> edges = new HashMap<>();

        private Builder() {}

        /** Sets a node's whole decoration (replacing what was set for it). */
        public Builder node(String nodeId, NodeDecoration decoration) {
            nodes.put(Objects.requireNonNull(nodeId), Objects.requireNonNull(decoration));
            return this;
        }

        /** Sets an edge's whole decoration (replacing what was set for it). */
        public Builder edge(String edgeId, EdgeDecoration decoration) {
            edges.put(Objects.requireNonNull(edgeId), Objects.requireNonNull(decoration));
            return this;
        }

        /** A tint over the box: a heat colour, a diff colour; translucent keeps the text readable. */
        public Builder fill(String nodeId, Color fill) {
            return updateNode(nodeId, d -> d.withFill(fill));
        }

        public Builder outline(String nodeId, Outline outline, boolean dashed) {
            return updateNode(nodeId, d -> d.withOutline(outline, dashed));
        }

        /** A short text in a pill at the box's top-right corner ("12.3 ms", "NaN"). */
        public Builder badge(String nodeId, String badge) {
            return updateNode(nodeId, d -> d.withBadge(badge));
        }

        public Builder nodeTooltip(String nodeId, String tooltip) {
            return updateNode(nodeId, d -> d.withTooltip(tooltip));
        }

        /** Replaces an edge's label (drawn bold in another colour, e.g. the shape a run actually saw). */
        public Builder edgeLabel(String edgeId, String label) {
            return updateEdge(edgeId, d -> d.withLabel(label));
        }

        /** Strokes an edge differently: colour (null = normal), width (0 = normal), dashed. */
        public Builder edgeStyle(String edgeId, Color colour, double width, boolean dashed) {
            return updateEdge(edgeId, d -> d.withStyle(colour, width, dashed));
        }

        public Builder edgeTooltip(String edgeId, String tooltip) {
            return updateEdge(edgeId, d -> d.withTooltip(tooltip));
        }

        public Builder clearNode(String nodeId) {
            nodes.remove(nodeId);
            return this;
        }

        public Builder clearEdge(String edgeId) {
            edges.remove(edgeId);
            return this;
        }

        public Decorations build() {
            return nodes.isEmpty() && edges.isEmpty() ? NONE : new Decorations(nodes, edges);
        }

        /** Changes a node's decoration (starting from none): to add to what another overlay set. */
        public Builder updateNode(String id, UnaryOperator<NodeDecoration> change) {
            NodeDecoration now = nodes.getOrDefault(Objects.requireNonNull(id),
                    new NodeDecoration(null, Outline.NONE, false, "", ""));
            nodes.put(id, change.apply(now));
            return this;
        }

        private Builder updateEdge(String id, UnaryOperator<EdgeDecoration> change) {
            EdgeDecoration now = edges.getOrDefault(Objects.requireNonNull(id),
                    new EdgeDecoration(null, null, 0, false, ""));
            edges.put(id, change.apply(now));
            return this;
        }
    }
}
