package dev.onnxworkbench.graphview.render;

import java.util.Set;

/**
 * What the painter needs beyond the layout: which node is selected or hovered, which edge is
 * selected or hovered, the search hits (node indices), the decorations and where the edge labels go
 * (null: no labels).
 */
public record ViewState(int selectedNode, int hoveredNode, int selectedEdge, int hoveredEdge, Set<Integer> highlighted,
                        DecorationIndex decorations, EdgeLabelPlacement labels) {

    /** Only decorations and labels (what an export draws). */
    public static ViewState decorated(DecorationIndex decorations, EdgeLabelPlacement labels) {
        return new ViewState(-1, -1, -1, -1, Set.of(), decorations, labels);
    }
}
