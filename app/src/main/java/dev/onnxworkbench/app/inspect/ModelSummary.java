package dev.onnxworkbench.app.inspect;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
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
 * @param parameterCount elements in all initializers and Constant tensors
 * @param weightBytes    bytes those take in raw layout
 */
public record ModelSummary(long nodeCount, long totalNodeCount, Map<String, Long> operators,
                           long parameterCount, long weightBytes) {

    public static ModelSummary of(Model model) {
        Map<String, Long> ops = new TreeMap<>();
        long[] params = new long[2];
        count(model.graph(), ops, params);
        Map<String, Long> sorted = new LinkedHashMap<>();
        ops.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ModelSummary(model.graph().nodes().size(), model.graph().totalNodeCount(),
                java.util.Collections.unmodifiableMap(sorted), params[0], params[1]);
    }

    private static void count(Graph graph, Map<String, Long> ops, long[] params) {
        for (Tensor t : graph.initializers()) {
            add(t, params);
        }
        for (Node node : graph.nodes()) {
            ops.merge(node.opType(), 1L, Long::sum);
            if (node.opType().equals("Constant")) {
                node.attribute("value").ifPresent(a -> {
                    if (a.value() instanceof dev.onnxworkbench.models.graph.AttributeValue.TensorValue tv) {
                        add(tv.tensor(), params);
                    }
                });
            }
            for (Node.NamedGraph sub : node.subgraphs()) {
                count(sub.graph(), ops, params);
            }
        }
    }

    private static void add(Tensor t, long[] params) {
        long n = t.elementCount();
        if (n != Long.MAX_VALUE) {
            params[0] += n;
            params[1] += t.byteSize();
        }
    }

    /** 1.2 KB, 3.4 MB: bytes for a person. */
    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** 25,557,032: counts with thousands separators. */
    public static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
