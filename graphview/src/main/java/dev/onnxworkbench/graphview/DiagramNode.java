package dev.onnxworkbench.graphview;

import java.util.List;

/**
 * A box in the diagram. {@code category} selects the colour (it becomes the CSS-style class
 * {@code node-<category>}, e.g. "layer", "activation"); terminals are the graph's inputs and outputs.
 *
 * @param id         unique within the diagram (and across inline bodies, see {@link DiagramSubgraph})
 * @param title      the bold header text (operator type, or the input/output name)
 * @param subtitle   optional smaller text under the title (node name when names are shown), may be ""
 * @param rows       the lines in the box body (weights, key attributes)
 * @param expandable true when the node holds subgraphs a user can open (If/Loop/Scan, functions)
 * @param subgraphs  bodies the view can expand in place (the ⊕ on the box, see
 *                   {@link GraphView#getExpandedNodeIds()}); empty when the node has none to show inline
 */
public record DiagramNode(String id, Kind kind, String title, String subtitle, String category, List<DiagramRow> rows,
                          boolean expandable, List<DiagramSubgraph> subgraphs) {

    public enum Kind { OPERATOR, INPUT, OUTPUT }

    public DiagramNode {
        rows = List.copyOf(rows);
        subgraphs = subgraphs == null ? List.of() : List.copyOf(subgraphs);
    }

    /** A node without inline bodies. */
    public DiagramNode(String id, Kind kind, String title, String subtitle, String category, List<DiagramRow> rows,
                       boolean expandable) {
        this(id, kind, title, subtitle, category, rows, expandable, List.of());
    }

    /** True when the view can expand this node's bodies in place. */
    public boolean hasInlineBodies() {
        return !subgraphs.isEmpty();
    }
}
