package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.render.DecorationIndex;

/** The tooltip text for what is under the pointer: an edge's tensor and full shape, a node's decoration. */
final class HoverText {
    private HoverText() {}

    static String of(DiagramLayout layout, DecorationIndex decorations, int node, int edge) {
        if (layout == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (edge >= 0) {
            DiagramEdge e = layout.diagram().edges().get(edge);
            b.append(e.value().isEmpty() ? e.id() : e.value());
            if (!e.label().isEmpty()) {
                b.append('\n').append(e.label());
            }
            EdgeDecoration d = decorations.edge(edge);
            if (d != null && d.label() != null) {
                b.append('\n').append("actual: ").append(d.label());
            }
            if (d != null && !d.tooltip().isEmpty()) {
                b.append('\n').append(d.tooltip());
            }
        } else if (node >= 0) {
            NodeDecoration d = decorations.node(node);
            if (d != null && !d.tooltip().isEmpty()) {
                b.append(d.tooltip());
            }
        }
        return b.toString();
    }
}
