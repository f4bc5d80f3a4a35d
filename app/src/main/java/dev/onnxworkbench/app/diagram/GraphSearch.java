package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Find in the current graph: node names, operator types and tensor names, case-insensitive
 * substring match. Each match names the diagram box to centre on (a tensor's producer, or the
 * box a weight is folded into).
 */
public final class GraphSearch {
    private static final int MAX_RESULTS = 500;

    private GraphSearch() {}

    /** What matched. */
    public enum Kind { NODE_NAME, OPERATOR, TENSOR }

    /** One result: the diagram id to centre on and a line for the result list. */
    public record Match(Kind kind, String diagramId, String text, String detail) {
        @Override
        public String toString() {
            return text + (detail.isEmpty() ? "" : "   " + detail);
        }
    }

    public static List<Match> search(MappedGraph graph, String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<Match> matches = new ArrayList<>();
        if (q.isEmpty()) {
            return matches;
        }
        for (Map.Entry<String, Node> e : graph.nodesById().entrySet()) {
            Node node = e.getValue();
            if (!node.name().isEmpty() && node.name().toLowerCase(Locale.ROOT).contains(q)) {
                matches.add(new Match(Kind.NODE_NAME, e.getKey(), node.name(), node.opType()));
            } else if (node.opType().toLowerCase(Locale.ROOT).contains(q)) {
                matches.add(new Match(Kind.OPERATOR, e.getKey(), node.opType(), node.name()));
            }
        }
        Set<String> tensors = new LinkedHashSet<>();
        graph.graph().inputs().forEach(v -> tensors.add(v.name()));
        graph.graph().nodes().forEach(n -> {
            n.inputs().forEach(tensors::add);
            n.outputs().forEach(tensors::add);
        });
        graph.graph().outputs().forEach(v -> tensors.add(v.name()));
        for (String tensor : tensors) {
            if (tensor.isEmpty() || !tensor.toLowerCase(Locale.ROOT).contains(q)) {
                continue;
            }
            String target = graph.producerOf(tensor)
                    .orElseGet(() -> graph.consumersOf(tensor).stream().findFirst().orElse(null));
            if (target != null) {
                String detail = graph.weights().containsKey(tensor) ? "weight" : "tensor";
                matches.add(new Match(Kind.TENSOR, target, tensor, detail));
            }
            if (matches.size() >= MAX_RESULTS) {
                break;
            }
        }
        return matches.size() > MAX_RESULTS ? matches.subList(0, MAX_RESULTS) : matches;
    }
}
