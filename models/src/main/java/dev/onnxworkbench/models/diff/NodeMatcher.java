package dev.onnxworkbench.models.diff;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.GraphIndex;
import dev.onnxworkbench.models.graph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the nodes of two graphs: first by node name, then by the name of the first output, then by structure
 * (a node whose producer or consumer is paired, with the same operator in the same input slot), and last by
 * position (the longest common subsequence of operator types among what is left, in file order). Exporters
 * and optimizers rename nodes and tensors freely; the structural steps find them anyway.
 */
final class NodeMatcher {
    /** Above this many cells the position step pairs greedily instead of by LCS (memory and time). */
    private static final long LCS_LIMIT = 16_000_000L;

    private final Graph a;
    private final Graph b;
    private final GraphIndex indexA;
    private final GraphIndex indexB;
    private final Map<Node, Integer> positionA = new IdentityHashMap<>();
    private final Map<Node, Integer> positionB = new IdentityHashMap<>();
    private final int[] aToB;
    private final int[] bToA;
    private final Deque<int[]> work = new ArrayDeque<>();
    /** Second phase: a lone unpaired neighbour in the same slot pairs even with another operator (a changed op). */
    private boolean loose;

    NodeMatcher(Graph a, Graph b) {
        this.a = a;
        this.b = b;
        this.indexA = GraphIndex.of(a);
        this.indexB = GraphIndex.of(b);
        for (int i = 0; i < a.nodes().size(); i++) {
            positionA.put(a.nodes().get(i), i);
        }
        for (int i = 0; i < b.nodes().size(); i++) {
            positionB.put(b.nodes().get(i), i);
        }
        aToB = new int[a.nodes().size()];
        bToA = new int[b.nodes().size()];
        Arrays.fill(aToB, -1);
        Arrays.fill(bToA, -1);
    }

    /** For each node of A, the index of its counterpart in B, or -1. */
    int[] match() {
        matchByKey(n -> n.name());
        matchByKey(n -> n.outputs().isEmpty() ? "" : n.outputs().getFirst());
        seedFromGraphInputs();
        propagate();
        loose = true;
        requeueAllPairs();
        seedFromGraphInputs();
        propagate();
        loose = false;
        matchByPosition();
        propagate();
        return aToB.clone();
    }

    private void pair(int i, int j) {
        aToB[i] = j;
        bToA[j] = i;
        work.add(new int[] {i, j});
    }

    private void matchByKey(java.util.function.Function<Node, String> key) {
        Map<String, Integer> uniqueB = unique(b.nodes(), bToA, key);
        Map<String, Integer> uniqueA = unique(a.nodes(), aToB, key);
        for (Map.Entry<String, Integer> e : uniqueA.entrySet()) {
            Integer j = uniqueB.get(e.getKey());
            if (j != null && j >= 0 && e.getValue() >= 0) {
                pair(e.getValue(), j);
            }
        }
    }

    /** Non-empty keys of unpaired nodes that occur once (-1 marks a key seen twice). */
    private static Map<String, Integer> unique(List<Node> nodes, int[] paired,
                                               java.util.function.Function<Node, String> key) {
        Map<String, Integer> result = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String k = key.apply(nodes.get(i));
            if (paired[i] >= 0 || k == null || k.isEmpty()) {
                continue;
            }
            result.merge(k, i, (x, y) -> -1);
        }
        return result;
    }

    private void requeueAllPairs() {
        for (int i = 0; i < aToB.length; i++) {
            if (aToB[i] >= 0) {
                work.add(new int[] {i, aToB[i]});
            }
        }
    }

    /** Consumers of graph inputs of the same name (or the same position) are candidates like any paired output. */
    private void seedFromGraphInputs() {
        List<String> inputsA = a.inputs().stream().map(v -> v.name()).toList();
        List<String> inputsB = b.inputs().stream().map(v -> v.name()).toList();
        for (int k = 0; k < inputsA.size(); k++) {
            String name = inputsA.get(k);
            String other = inputsB.contains(name) ? name : k < inputsB.size() ? inputsB.get(k) : null;
            if (other != null) {
                pairConsumers(name, other);
            }
        }
    }

    /** Walks out from every paired node to its unpaired neighbours until nothing new pairs. */
    private void propagate() {
        while (!work.isEmpty()) {
            int[] p = work.poll();
            Node na = a.nodes().get(p[0]);
            Node nb = b.nodes().get(p[1]);
            for (int k = 0; k < Math.min(na.outputs().size(), nb.outputs().size()); k++) {
                pairConsumers(na.outputs().get(k), nb.outputs().get(k));
            }
            for (int k = 0; k < Math.min(na.inputs().size(), nb.inputs().size()); k++) {
                String ta = na.inputs().get(k);
                String tb = nb.inputs().get(k);
                if (ta.isEmpty() || tb.isEmpty()) {
                    continue;
                }
                Node pa = indexA.producer(ta).orElse(null);
                Node pb = indexB.producer(tb).orElse(null);
                if (pa != null && pb != null && pa.opType().equals(pb.opType())) {
                    int i = positionA.get(pa);
                    int j = positionB.get(pb);
                    if (aToB[i] < 0 && bToA[j] < 0) {
                        pair(i, j);
                    }
                }
            }
        }
    }

    /** Pairs unpaired consumers of two corresponding values when operator and input slot single each one out. */
    private void pairConsumers(String valueA, String valueB) {
        if (valueA.isEmpty() || valueB.isEmpty()) {
            return;
        }
        Map<String, List<Integer>> byKeyA = consumersByKey(indexA.consumers(valueA), valueA, positionA, aToB);
        Map<String, List<Integer>> byKeyB = consumersByKey(indexB.consumers(valueB), valueB, positionB, bToA);
        for (Map.Entry<String, List<Integer>> e : byKeyA.entrySet()) {
            List<Integer> candidates = byKeyB.get(e.getKey());
            if (candidates != null && candidates.size() == 1 && e.getValue().size() == 1) {
                pair(e.getValue().getFirst(), candidates.getFirst());
            }
        }
        if (loose) {
            List<Integer> restA = unpairedOf(indexA.consumers(valueA), positionA, aToB);
            List<Integer> restB = unpairedOf(indexB.consumers(valueB), positionB, bToA);
            if (restA.size() == 1 && restB.size() == 1) {
                Node ca = a.nodes().get(restA.getFirst());
                Node cb = b.nodes().get(restB.getFirst());
                if (ca.inputs().indexOf(valueA) == cb.inputs().indexOf(valueB) && sameArity(ca, cb)
                        && inputsCorrespond(ca, cb)) {
                    pair(restA.getFirst(), restB.getFirst());
                }
            }
        }
    }

    /** Every input of {@code x} comes from the counterpart of where {@code y}'s input comes from. */
    private boolean inputsCorrespond(Node x, Node y) {
        for (int k = 0; k < x.inputs().size(); k++) {
            String tx = x.inputs().get(k);
            String ty = y.inputs().get(k);
            if (tx.isEmpty() != ty.isEmpty()) {
                return false;
            }
            if (tx.isEmpty()) {
                continue;
            }
            Node px = indexA.producer(tx).orElse(null);
            Node py = indexB.producer(ty).orElse(null);
            if (px == null || py == null) {
                if (px != py) {
                    return false;
                }
                continue; // graph inputs or weights on both sides
            }
            if (aToB[positionA.get(px)] != positionB.get(py) || px.outputs().indexOf(tx) != py.outputs().indexOf(ty)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameArity(Node x, Node y) {
        return x.inputs().size() == y.inputs().size() && x.outputs().size() == y.outputs().size();
    }

    private static List<Integer> unpairedOf(List<Node> nodes, Map<Node, Integer> positions, int[] paired) {
        List<Integer> rest = new ArrayList<>();
        for (Node n : nodes) {
            if (paired[positions.get(n)] < 0) {
                rest.add(positions.get(n));
            }
        }
        return rest;
    }

    private static Map<String, List<Integer>> consumersByKey(List<Node> consumers, String value,
                                                             Map<Node, Integer> positions, int[] paired) {
        Map<String, List<Integer>> result = new HashMap<>();
        for (Node c : consumers) {
            int i = positions.get(c);
            if (paired[i] >= 0) {
                continue;
            }
            String key = c.opType() + "#" + c.inputs().indexOf(value);
            result.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
        }
        return result;
    }

    /** What is left pairs in file order: the longest common subsequence of operator types. */
    private void matchByPosition() {
        List<Integer> restA = unpaired(aToB);
        List<Integer> restB = unpaired(bToA);
        if (restA.isEmpty() || restB.isEmpty()) {
            return;
        }
        if ((long) restA.size() * restB.size() > LCS_LIMIT) {
            greedy(restA, restB);
            return;
        }
        int n = restA.size();
        int m = restB.size();
        int[][] len = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                len[i][j] = sameOp(restA.get(i), restB.get(j)) ? len[i + 1][j + 1] + 1
                        : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (sameOp(restA.get(i), restB.get(j))) {
                pair(restA.get(i++), restB.get(j++));
            } else if (len[i + 1][j] >= len[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private void greedy(List<Integer> restA, List<Integer> restB) {
        int j = 0;
        for (int i : restA) {
            for (int k = j; k < Math.min(restB.size(), j + 64); k++) {
                if (sameOp(i, restB.get(k))) {
                    pair(i, restB.get(k));
                    j = k + 1;
                    break;
                }
            }
        }
    }

    private boolean sameOp(int i, int j) {
        Node na = a.nodes().get(i);
        Node nb = b.nodes().get(j);
        return na.opType().equals(nb.opType()) && na.domain().equals(nb.domain());
    }

    private static List<Integer> unpaired(int[] paired) {
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < paired.length; i++) {
            if (paired[i] < 0) {
                rest.add(i);
            }
        }
        return rest;
    }
}
