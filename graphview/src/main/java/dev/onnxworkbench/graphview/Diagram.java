package dev.onnxworkbench.graphview;

import java.util.List;

/** What the graph view draws: boxes and the edges between them. Immutable. */
public record Diagram(List<DiagramNode> nodes, List<DiagramEdge> edges) {
    public Diagram {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
