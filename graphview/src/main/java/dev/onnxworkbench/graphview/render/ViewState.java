package dev.onnxworkbench.graphview.render;

import java.util.Set;

/**
 * What the painter needs beyond the layout: which node is selected or hovered, which edge is
 * selected or hovered, the search hits (node indices) and the decorations.
 */
public record ViewState(int selectedNode, int hoveredNode, int selectedEdge, int hoveredEdge, Set<Integer> highlighted,
                        DecorationIndex decorations) {
    public static final ViewState NONE = new ViewState(-1, -1, -1, -1, Set.of(), DecorationIndex.NONE);

    /** Only decorations (what an export draws). */
    public static ViewState decorated(DecorationIndex decorations) {
        return new ViewState(-1, -1, -1, -1, Set.of(), decorations);
    }
}
