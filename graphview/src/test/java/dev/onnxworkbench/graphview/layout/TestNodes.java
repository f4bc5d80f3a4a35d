package dev.onnxworkbench.graphview.layout;

import dev.onnxworkbench.graphview.DiagramNode;
import java.util.List;

final class TestNodes {
    private TestNodes() {}

    static DiagramNode op(String id) {
        return new DiagramNode(id, DiagramNode.Kind.OPERATOR, "Op " + id, "", "layer", List.of(), false);
    }
}
