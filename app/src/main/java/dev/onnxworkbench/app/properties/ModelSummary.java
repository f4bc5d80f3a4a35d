package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ModelCounts;
import dev.onnxworkbench.models.graph.Node;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts for the model properties panel, over the top-level graph and every subgraph.
 *
 * @param nodeCount      nodes of the top-level graph
 * @param totalNodeCount nodes in all graphs (subgraphs included)
 * @param operators      op type → count over all graphs, most frequent first
 * @param parameterCount {@link ModelCounts#parameterCount}: initializers and Constant tensors, all graphs
 * @param weightBytes    bytes those take in raw layout
 */
public record ModelSummary(long nodeCount, long totalNodeCount, Map<String, Long> operators,
                           long parameterCount, long weightBytes) {

    public static ModelSummary of(Model model) {
        Map<String, Long> ops = new TreeMap<>();
        count(model.graph(), ops);
        Map<String, Long> sorted = new LinkedHashMap<>();
        ops.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        ModelCounts counts = ModelCounts.of(model);
        return new ModelSummary(model.graph().nodes().size(), model.graph().totalNodeCount(),
                java.util.Collections.unmodifiableMap(sorted), counts.parameterCount(), counts.weightBytes());
    }

    private static void count(Graph graph, Map<String, Long> ops) {
        for (Node node : graph.nodes()) {
            ops.merge(node.opType(), 1L, Long::sum);
            for (Node.NamedGraph sub : node.subgraphs()) {
                count(sub.graph(), ops);
            }
        }
    }


    /** 25,557,032: counts with thousands separators. */
    public static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
