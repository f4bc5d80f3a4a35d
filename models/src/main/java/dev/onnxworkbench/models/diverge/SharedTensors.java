package dev.onnxworkbench.models.diverge;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.GraphIndex;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors both runs can show: outputs of A's top-level nodes that B also produces (by the same name, or the
 * name the model diff pairs it with), in topological order of A. Also answers, for bisection, which tensors of a
 * prefix of that order are still read after it (the prefix's frontier).
 */
final class SharedTensors {
    /** One tensor: its names in A and B, the node of A producing it (index in A's graph). */
    record Shared(String name, String nameB, Node producer, int producerIndex) {}

    private final List<Shared> order = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final GraphIndex indexA;
    private final Set<String> graphOutputs = new HashSet<>();

    /**
     * @param aToB names of A's values in B; null when both runs use the same model
     * @param producedByB the names B's top-level nodes produce
     */
    SharedTensors(Graph a, Map<String, String> aToB, Set<String> producedByB) {
        this.indexA = GraphIndex.of(a);
        a.outputs().forEach(v -> graphOutputs.add(v.name()));
        Map<String, ValueType> declared = new HashMap<>();
        for (ValueInfo v : a.valueInfo()) {
            declared.put(v.name(), v.type());
        }
        Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
        for (int i = 0; i < a.nodes().size(); i++) {
            nodeIndex.put(a.nodes().get(i), i);
        }
        for (Node n : topologicalOrder(a, indexA)) {
            for (String out : n.outputs()) {
                if (out.isEmpty() || position.containsKey(out)
                        || declared.get(out) instanceof ValueType.OptionalType) {
                    continue; // ONNX Runtime's Java API cannot return optionals
                }
                String nameB = aToB == null ? out : aToB.get(out);
                if (nameB == null || !producedByB.contains(nameB)) {
                    continue;
                }
                position.put(out, order.size());
                order.add(new Shared(out, nameB, n, nodeIndex.get(n)));
            }
        }
    }

    List<Shared> order() {
        return order;
    }

    int size() {
        return order.size();
    }

    /**
     * Tensors among the first {@code k + 1} that a node after them reads, or that are graph outputs: if anything
     * in the prefix diverges (and the divergence travels), one of these does.
     */
    List<Shared> frontier(int k) {
        List<Shared> result = new ArrayList<>();
        for (int i = 0; i <= k; i++) {
            Shared s = order.get(i);
            if (graphOutputs.contains(s.name()) || readAfter(s.name(), k)) {
                result.add(s);
            }
        }
        return result;
    }

    private boolean readAfter(String tensor, int k) {
        List<Node> readers = new ArrayList<>(indexA.consumers(tensor));
        readers.addAll(indexA.capturingNodes(tensor));
        for (Node reader : readers) {
            for (String out : reader.outputs()) {
                Integer p = position.get(out);
                if (p == null || p > k) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Kahn's algorithm, taking nodes in file order where it can; nodes in a cycle (invalid files) go last. */
    static List<Node> topologicalOrder(Graph g, GraphIndex index) {
        List<Node> nodes = g.nodes();
        Map<Node, Integer> pending = new IdentityHashMap<>();
        Map<Node, Integer> fileIndex = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            fileIndex.put(n, i);
            Set<Node> producers = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (String in : n.inputs()) {
                index.producer(in).filter(p -> p != n).ifPresent(producers::add);
            }
            pending.put(n, producers.size());
        }
        java.util.PriorityQueue<Node> ready = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingInt(fileIndex::get));
        nodes.stream().filter(n -> pending.get(n) == 0).forEach(ready::add);
        List<Node> result = new ArrayList<>(nodes.size());
        BitSet done = new BitSet(nodes.size());
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            result.add(n);
            done.set(fileIndex.get(n));
            Set<Node> released = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    released.addAll(index.consumers(out));
                }
            }
            for (Node c : released) {
                if (c != n && pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (!done.get(i)) {
                result.add(nodes.get(i));
            }
        }
        return result;
    }
}
