package dev.onnxworkbench.graphview;

import java.util.List;

/**
 * A box in the diagram. {@code category} selects the colour (it becomes the CSS-style class
 * {@code node-<category>}, e.g. "layer", "activation"); terminals are the graph's inputs and outputs.
 *
 * @param id        unique within the diagram
 * @param title     the bold header text (operator type, or the input/output name)
 * @param subtitle  optional smaller text under the title (node name when names are shown), may be ""
 * @param rows      the lines in the box body (weights, key attributes)
 * @param expandable true when the node holds subgraphs a user can open (If/Loop/Scan, functions)
 */
public record DiagramNode(String id, Kind kind, String title, String subtitle, String category, List<DiagramRow> rows,
                          boolean expandable) {

    public enum Kind { OPERATOR, INPUT, OUTPUT }

    public DiagramNode {
        rows = List.copyOf(rows);
    }
}
