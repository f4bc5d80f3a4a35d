package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;

/** Where the ⊕/⊖ of a box with inline bodies is, so a click there expands or collapses it. */
final class Expansion {
    /** Distance of the mark's centre from the box's right edge (the painter draws it there). */
    static final double MARK_INSET = 11;
    private static final double HIT_RADIUS = 9;

    private Expansion() {}

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
