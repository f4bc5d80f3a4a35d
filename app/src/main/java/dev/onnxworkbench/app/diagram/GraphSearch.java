package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ModelFunction;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Find in a whole model: node names, operator types and tensor names, case-insensitive substring
 * match, in the main graph, every subgraph (If branches, Loop and Scan bodies, nested) and every
 * model-local function body. Every match is counted; the first {@code limit} are listed. Runs off
 * the JavaFX thread: it reads only the immutable model and stops when asked to.
 */
public final class GraphSearch {
    /** Matches listed at most; the count goes on. */
    public static final int LIMIT = 500;

    private GraphSearch() {}

    /** What matched. */
    public enum Kind { NODE_NAME, OPERATOR, TENSOR }

    /**
     * One match: the graph it is in ({@code path}), the node that matched or the tensor whose
     * name did, and a line for the result list.
     */
    public record Match(Kind kind, GraphPath path, Node node, String tensor, String text, String detail) {
        /** "If_0 ▸ then_branch ▸ LSTM_3": where the match is, then what matched. */
        public String where() {
            return path.prefix() + text;
        }

        @Override
        public String toString() {
            return where() + (detail.isEmpty() ? "" : "   " + detail);
        }

        /** The diagram box to centre on in {@code mapped} (the drawing of {@link #path}'s graph), if any. */
        public java.util.Optional<String> diagramId(MappedGraph mapped) {
            if (node != null) {
                return mapped.idOf(node);
            }
            return mapped.producerOf(tensor).or(() -> mapped.consumersOf(tensor).stream().findFirst());
        }
    }

    /** What a search found: the listed matches and how many there are in all. */
    public record Result(String query, List<Match> listed, int total) {
        public boolean truncated() {
            return total > listed.size();
        }

        /** "1 match", "12 matches", "1,784 matches, first 500 listed"; empty for an empty query. */
        public String summary() {
            if (query.isBlank()) {
                return "";
            }
            String count = String.format(Locale.ROOT, "%,d %s", total, total == 1 ? "match" : "matches");
            return truncated() ? count + String.format(Locale.ROOT, ", first %,d listed", listed.size()) : count;
        }
    }

    public static Result search(Model model, String query) {
        return search(model, query, LIMIT, () -> false);
    }

    /**
     * Searches every graph of {@code model}.
     *
     * @param cancelled polled as the search goes; when it turns true the search throws {@link CancellationException}
     */
    public static Result search(Model model, String query, int limit, BooleanSupplier cancelled) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        Collector out = new Collector(limit, cancelled);
        if (!q.isEmpty()) {
            searchGraph(model.graph(), GraphPath.ROOT, q, out);
            for (ModelFunction f : model.functions()) {
                GraphPath.Function step = new GraphPath.Function(f);
                searchGraph(step.graph(), GraphPath.ROOT.then(step), q, out);
            }
        }
        return new Result(query, List.copyOf(out.listed), out.total);
    }

    private static void searchGraph(Graph graph, GraphPath path, String q, Collector out) {
        for (Node node : graph.nodes()) {
            out.checkCancelled();
            if (!node.name().isEmpty() && node.name().toLowerCase(Locale.ROOT).contains(q)) {
                out.add(new Match(Kind.NODE_NAME, path, node, null, node.name(), node.opType()));
            } else if (node.opType().toLowerCase(Locale.ROOT).contains(q)) {
                out.add(new Match(Kind.OPERATOR, path, node, null, node.opType(), node.name()));
            }
        }
        Set<String> tensors = new LinkedHashSet<>();
        graph.inputs().forEach(v -> tensors.add(v.name()));
        graph.nodes().forEach(n -> {
            n.inputs().forEach(tensors::add);
            n.outputs().forEach(tensors::add);
        });
        graph.outputs().forEach(v -> tensors.add(v.name()));
        Set<String> weights = new HashSet<>();
        graph.initializers().stream().map(Tensor::name).forEach(weights::add);
        for (String tensor : tensors) {
            if (!tensor.isEmpty() && tensor.toLowerCase(Locale.ROOT).contains(q)) {
                out.add(new Match(Kind.TENSOR, path, null, tensor, tensor, weights.contains(tensor) ? "weight" : "tensor"));
            }
        }
        for (Node node : graph.nodes()) {
            for (Node.NamedGraph sub : node.subgraphs()) {
                searchGraph(sub.graph(), path.then(new GraphPath.Subgraph(node, sub.attributeName())), q, out);
            }
        }
    }

    /** Keeps the first {@code limit} matches and counts them all. */
    private static final class Collector {
        final List<Match> listed = new ArrayList<>();
        final int limit;
        final BooleanSupplier cancelled;
        int total;

        Collector(int limit, BooleanSupplier cancelled) {
            this.limit = limit;
            this.cancelled = cancelled;
        }

        void add(Match m) {
            total++;
            if (listed.size() < limit) {
                listed.add(m);
            }
        }

        void checkCancelled() {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("superseded by a newer search");
            }
        }
    }
}
