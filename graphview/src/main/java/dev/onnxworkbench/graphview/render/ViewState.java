package dev.onnxworkbench.graphview.render;

import java.util.Set;

/**
 * What the painter needs beyond the layout: which node is selected or hovered, which edge is
 * selected, and the search hits (node indices).
 */
public record ViewState(int selectedNode, int hoveredNode, int selectedEdge, Set<Integer> highlighted) {
    public static final ViewState NONE = new ViewState(-1, -1, -1, Set.of());
}
