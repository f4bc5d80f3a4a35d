package dev.onnxworkbench.graphview;

/**
 * A request for a context menu on the graph (a right click, the menu key or Shift+F10): on a node, on an
 * edge, or on the empty canvas (both null). The view selects the node or edge first, so the menu acts on
 * what the user sees selected. Screen coordinates are where to show the menu.
 *
 * @param node    the node under the pointer (or selected, from the keyboard), or null
 * @param edge    the edge under the pointer (or selected, from the keyboard), or null when a node was hit
 * @param screenX where to show the menu, in screen coordinates
 * @param screenY where to show the menu, in screen coordinates
 */
public record DiagramContextRequest(DiagramNode node, DiagramEdge edge, double screenX, double screenY) {
    /** True when the request is on neither a node nor an edge. */
    public boolean isEmpty() {
        return node == null && edge == null;
    }
}
