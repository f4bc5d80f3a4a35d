package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Inline bodies: where the ⊕/⊖ of a box is (a click there expands or collapses it), and which boxes
 * hold a node (centring on a node inside a collapsed body expands the bodies around it).
 */
final class Expansion {
    /** Distance of the mark's centre from the box's right edge (the painter draws it there). */
    static final double MARK_INSET = 11;
    private static final double HIT_RADIUS = 9;

    private Expansion() {}

    /** The nodes whose inline bodies hold {@code nodeId}, outermost first; empty when it is in none. */
    static List<String> ownersOf(Diagram diagram, String nodeId) {
        List<String> path = new ArrayList<>();
        return find(diagram, nodeId, path) ? path : List.of();
    }

    private static boolean find(Diagram diagram, String nodeId, List<String> path) {
        for (DiagramNode n : diagram.nodes()) {
            if (n.id().equals(nodeId)) {
                return true;
            }
        }
        for (DiagramNode n : diagram.nodes()) {
            for (DiagramSubgraph sub : n.subgraphs()) {
                path.add(n.id());
                if (find(sub.diagram(), nodeId, path)) {
                    return true;
                }
                path.removeLast();
            }
        }
        return false;
    }

    static boolean canExpand(DiagramNode node) {
        return node.hasInlineBodies();
    }

    /** True when the world point is on the node's ⊕/⊖ mark. */
    static boolean onToggle(DiagramLayout layout, int node, double wx, double wy) {
        double cx = layout.x(node) + layout.width(node) - MARK_INSET;
        double cy = layout.y(node) + BoxStyle.HEADER_HEIGHT / 2;
        return Math.hypot(wx - cx, wy - cy) <= HIT_RADIUS;
    }
}
