package dev.onnxworkbench.models.optimize;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What ONNX Runtime's graph optimizer did, read from the original graph and the optimized one it saved.
 *
 * <p>An optimized node <i>keeps</i> an original node when both have the same operator and the same name (or,
 * unnamed, the same first output). Tensors that vanished from the optimized graph were internal to a
 * rewrite, so walking back from each optimized node's outputs through vanished tensors finds the original
 * nodes it absorbed: a FusedConv absorbs Conv and Relu, a kept Conv absorbs the BatchNormalization folded
 * into its weights. Original nodes behind a tensor that became an initializer were constant-folded; the
 * rest of the removed nodes were eliminated (Identity, Dropout, unused branches). Top-level graph only.
 */
public final class OptimizationDiff {
    private final Graph original;
    private final Graph optimized;
    private final Map<String, Node> producers = new HashMap<>();
    private final Set<String> presentTensors = new HashSet<>();
    private final Map<Node, Node> keptBy = new IdentityHashMap<>(); // original -> optimized
    private final Map<Node, Node> originalOf = new IdentityHashMap<>(); // optimized -> original
    private final Map<Node, Integer> position = new IdentityHashMap<>();

    private OptimizationDiff(Graph original, Graph optimized) {
        this.original = original;
        this.optimized = optimized;
    }

    /** Compares an original graph with the graph ONNX Runtime saved for it. */
    public static Summary between(Graph original, Graph optimized) {
        return new OptimizationDiff(original, optimized).summarise();
    }

    /**
     * @param fused      the fusions, most frequent first
     * @param folded     original nodes removed by constant folding, by operator
     * @param eliminated original nodes removed otherwise (neither fused nor folded), by operator
     * @param removed    all original nodes without a counterpart, by operator (fused + folded + eliminated)
     * @param added      optimized nodes without an original counterpart, by operator
     * @param absorbedBy for each new or changed optimized node (by name), the names of the original nodes it replaced
     * @param levelAll   at level all, what the last step (layout and provider-specific rewrites) changed after
     *                   level extended: {@code removed} and {@code added} by operator; null otherwise
     */
    public record Summary(int nodesBefore, int nodesAfter, List<Fusion> fused, Map<String, Integer> folded,
                          Map<String, Integer> eliminated, Map<String, Integer> removed, Map<String, Integer> added,
                          Map<String, List<String>> absorbedBy, Summary levelAll) {
        public Summary {
            fused = List.copyOf(fused);
            folded = java.util.Collections.unmodifiableMap(new TreeMap<>(folded));
            eliminated = java.util.Collections.unmodifiableMap(new TreeMap<>(eliminated));
            removed = java.util.Collections.unmodifiableMap(new TreeMap<>(removed));
            added = java.util.Collections.unmodifiableMap(new TreeMap<>(added));
            absorbedBy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(absorbedBy));
        }

        /**
         * Level all's summary: fusions, folding and eliminations as level extended made them (where tensor names
         * still lead back to the original nodes), node counts against the final graph, and the final step as
         * {@code levelAll}.
         */
        public static Summary atLevelAll(Summary originalToFinal, Summary originalToExtended, Summary extendedToFinal) {
            return new Summary(originalToFinal.nodesBefore(), originalToFinal.nodesAfter(), originalToExtended.fused(),
                    originalToExtended.folded(), originalToExtended.eliminated(), originalToFinal.removed(),
                    originalToFinal.added(), originalToExtended.absorbedBy(), extendedToFinal);
        }

        /** How many original nodes were fused into others. */
        public int fusedNodeCount() {
            return fused.stream().mapToInt(f -> f.count() * (f.opType().split("\\+").length)).sum();
        }
    }

    /** The operator as reports show it: "Conv" for ai.onnx, "com.microsoft.FusedConv" otherwise. */
    public static String qualifiedOp(Node node) {
        String domain = node.domain();
        return domain == null || domain.isEmpty() || domain.equals("ai.onnx") ? node.opType() : domain + "." + node.opType();
    }

    private Summary summarise() {
        for (int i = 0; i < original.nodes().size(); i++) {
            Node n = original.nodes().get(i);
            position.put(n, i);
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    producers.put(out, n);
                }
            }
        }
        for (Node n : optimized.nodes()) {
            presentTensors.addAll(n.inputs());
            presentTensors.addAll(n.outputs());
        }
        optimized.initializers().stream().map(Tensor::name).forEach(presentTensors::add);
        optimized.inputs().forEach(v -> presentTensors.add(v.name()));
        optimized.outputs().forEach(v -> presentTensors.add(v.name()));
        matchKept();

        Set<Node> absorbed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Integer> fusionCounts = new LinkedHashMap<>();
        Map<String, List<String>> absorbedBy = new LinkedHashMap<>();
        for (Node n : optimized.nodes()) {
            List<Node> group = absorbedInto(n);
            Node self = originalOf.get(n);
            if (group.isEmpty() || (group.size() == 1 && group.getFirst() == self)) {
                continue;
            }
            absorbed.addAll(group);
            group.sort((a, b) -> Integer.compare(position.get(a), position.get(b)));
            String pattern = String.join("+", group.stream().map(OptimizationDiff::qualifiedOp).toList());
            fusionCounts.merge(qualifiedOp(n) + "\u0000" + pattern, 1, Integer::sum);
            absorbedBy.put(n.name(), group.stream().map(Node::name).toList());
        }
        List<Fusion> fused = new ArrayList<>();
        fusionCounts.forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            fused.add(new Fusion(parts[0], parts[1], count));
        });
        fused.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count()) : a.opType().compareTo(b.opType()));

        Set<Node> folded = foldedNodes(absorbed);
        Map<String, Integer> foldedCounts = new TreeMap<>();
        Map<String, Integer> eliminated = new TreeMap<>();
        Map<String, Integer> removed = new TreeMap<>();
        for (Node n : original.nodes()) {
            if (keptBy.containsKey(n)) {
                continue;
            }
            removed.merge(qualifiedOp(n), 1, Integer::sum);
            if (folded.contains(n) || isConstant(n)) {
                foldedCounts.merge(qualifiedOp(n), 1, Integer::sum);
            } else if (!absorbed.contains(n)) {
                eliminated.merge(qualifiedOp(n), 1, Integer::sum);
            }
        }
        Map<String, Integer> added = new TreeMap<>();
        for (Node n : optimized.nodes()) {
            if (!originalOf.containsKey(n)) {
                added.merge(qualifiedOp(n), 1, Integer::sum);
            }
        }
        return new Summary(original.nodes().size(), optimized.nodes().size(), fused, foldedCounts, eliminated, removed,
                added, absorbedBy, null);
    }

    /** Pairs optimized nodes with the original nodes they keep: same operator, then same name or first output. */
    private void matchKept() {
        Map<String, Node> byName = new HashMap<>();
        for (Node n : original.nodes()) {
            if (!n.name().isEmpty()) {
                byName.putIfAbsent(n.name(), n);
            }
        }
        for (Node n : optimized.nodes()) {
            Node candidate = n.name().isEmpty() ? null : byName.get(n.name());
            if (candidate == null && !n.outputs().isEmpty()) {
                Node producer = producers.get(n.outputs().getFirst());
                candidate = producer != null && producer.name().equals(n.name()) ? producer : null;
            }
            if (candidate != null && qualifiedOp(candidate).equals(qualifiedOp(n)) && !keptBy.containsKey(candidate)) {
                keptBy.put(candidate, n);
                originalOf.put(n, candidate);
            }
        }
    }

    /** The original nodes behind {@code n}'s outputs, reached through tensors that vanished, plus its own original. */
    private List<Node> absorbedInto(Node n) {
        Node self = originalOf.get(n);
        List<Node> group = new ArrayList<>();
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<String> tensors = new ArrayDeque<>(n.outputs());
        if (self != null) {
            // Only its outputs lead to what it absorbed (a folded BatchNormalization); an input that vanished
            // (an Identity removed before it) is an elimination, not part of this node.
            group.add(self);
            seen.add(self);
        }
        while (!tensors.isEmpty()) {
            String t = tensors.pop();
            Node p = producers.get(t);
            if (p == null || seen.contains(p)) {
                continue;
            }
            if ((keptBy.containsKey(p) && p != self) || isConstant(p)) {
                continue; // kept by another optimized node, or a weight: a boundary, not part of this rewrite
            }
            seen.add(p);
            group.add(p);
            for (String in : p.inputs()) {
                if (!in.isEmpty() && !presentTensors.contains(in)) {
                    tensors.push(in);
                }
            }
        }
        return group;
    }

    /** Constant nodes hold weights: removed ones became initializers (ORT does that on load) or fused weights. */
    private static boolean isConstant(Node n) {
        return n.opType().equals("Constant") && (n.domain().isEmpty() || n.domain().equals("ai.onnx"));
    }

    /** Removed nodes that computed a tensor the optimized graph now holds as an initializer, and what fed only them. */
    private Set<Node> foldedNodes(Set<Node> absorbed) {
        Set<Node> folded = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<String> tensors = new ArrayDeque<>();
        for (Tensor init : optimized.initializers()) {
            if (producers.containsKey(init.name())) {
                tensors.push(init.name());
            }
        }
        while (!tensors.isEmpty()) {
            Node p = producers.get(tensors.pop());
            if (p == null || keptBy.containsKey(p) || absorbed.contains(p) || !folded.add(p)) {
                continue;
            }
            for (String in : p.inputs()) {
                if (!in.isEmpty() && !presentTensors.contains(in)) {
                    tensors.push(in);
                }
            }
        }
        return folded;
    }
}
