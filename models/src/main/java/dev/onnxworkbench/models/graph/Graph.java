package dev.onnxworkbench.models.graph;

import java.util.List;
import java.util.Map;

/**
 * A computation graph: nodes in file order (ONNX requires topological order, but files do not
 * always comply), inputs, outputs, initializers and value_info. Subgraphs hang on node attributes.
 */
public record Graph(
        String name,
        String docString,
        List<Node> nodes,
        List<ValueInfo> inputs,
        List<ValueInfo> outputs,
        List<Tensor> initializers,
        List<SparseTensor> sparseInitializers,
        List<ValueInfo> valueInfo,
        Map<String, String> metadata) {

    public Graph {
        nodes = List.copyOf(nodes);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        initializers = List.copyOf(initializers);
        sparseInitializers = List.copyOf(sparseInitializers);
        valueInfo = List.copyOf(valueInfo);
        metadata = Map.copyOf(metadata);
    }

    /** Nodes in this graph and, recursively, in every subgraph. */
    public long totalNodeCount() {
        long n = 0;
        for (Node node : nodes) {
            n++;
            for (Node.NamedGraph sub : node.subgraphs()) {
                n += sub.graph().totalNodeCount();
            }
        }
        return n;
    }
}
