package dev.onnxworkbench.models.flops;

import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FLOPs, parameters and activation memory of every top-level node from actual shapes, summed per
 * operator type and for the model. Shapes come from an inspected run ({@code Inspection}: tensor name →
 * shape), plus the inputs' and initializers' own shapes.
 *
 * <p>For the window: {@code ModelCosts.of(graph, shapes, bytesPerElement)} then {@link #node(int)} for
 * the node panel and overlay, {@link #byOpType()} and {@link #total()} for summaries.
 *
 * @param nodes    per top-level node, in graph order
 * @param byOpType sums per operator type (flops summed over nodes whose FLOPs are known)
 * @param total    the model's sums
 */
public record ModelCosts(List<NodeCost> nodes, Map<String, NodeCost> byOpType, NodeCost total) {

    /**
     * @param shapes          actual shapes by tensor name (inputs and intermediates)
     * @param elementBytes    bytes per element by tensor name (missing: 4)
     */
    public static ModelCosts of(Graph graph, Map<String, long[]> shapes, Map<String, Integer> elementBytes) {
        Map<String, long[]> known = new HashMap<>(shapes);
        Map<String, Long> weights = new HashMap<>();
        for (Tensor t : graph.initializers()) {
            long[] dims = t.dims().stream().mapToLong(Long::longValue).toArray();
            known.putIfAbsent(t.name(), dims);
            weights.put(t.name(), t.elementCount());
        }
        for (Node n : graph.nodes()) {
            if (n.opType().equals("Constant") && n.outputs().size() == 1) {
                n.attribute("value").ifPresent(a -> {
                    if (a.value() instanceof AttributeValue.TensorValue v) {
                        known.putIfAbsent(n.outputs().getFirst(), v.tensor().dims().stream().mapToLong(Long::longValue).toArray());
                        weights.put(n.outputs().getFirst(), v.tensor().elementCount());
                    }
                });
            }
        }
        List<NodeCost> costs = new ArrayList<>();
        Map<String, long[]> sums = new LinkedHashMap<>(); // opType → {flops, params, bytes}
        long[] total = new long[3];
        for (Node n : graph.nodes()) {
            List<long[]> ins = n.inputs().stream().map(i -> i.isEmpty() ? null : known.get(i)).toList();
            List<long[]> outs = n.outputs().stream().map(o -> o.isEmpty() ? null : known.get(o)).toList();
            long flops = FlopCounter.flops(n.opType(), ins, outs, intLists(n));
            long params = 0;
            if (!n.opType().equals("Constant")) {
                for (String i : n.inputs()) {
                    params += weights.getOrDefault(i, 0L);
                }
            }
            long bytes = 0;
            for (String o : n.outputs()) {
                long[] s = o.isEmpty() ? null : known.get(o);
                if (s != null) {
                    bytes += FlopCounter.product(s) * elementBytes.getOrDefault(o, 4);
                }
            }
            NodeCost cost = new NodeCost(flops, params, bytes);
            costs.add(cost);
            long[] sum = sums.computeIfAbsent(n.opType(), k -> new long[3]);
            sum[0] += Math.max(0, flops);
            sum[1] += params;
            sum[2] += bytes;
            total[0] += Math.max(0, flops);
            total[1] += params;
            total[2] += bytes;
        }
        Map<String, NodeCost> byOp = new LinkedHashMap<>();
        sums.forEach((op, s) -> byOp.put(op, new NodeCost(s[0], s[1], s[2])));
        return new ModelCosts(List.copyOf(costs), Map.copyOf(byOp), new NodeCost(total[0], total[1], total[2]));
    }

    /** The cost of the node at {@code index} in the top-level graph. */
    public NodeCost node(int index) {
        return nodes.get(index);
    }

    private static Map<String, long[]> intLists(Node n) {
        Map<String, long[]> out = new HashMap<>();
        n.attribute("kernel_shape").ifPresent(a -> {
            if (a.value() instanceof AttributeValue.Ints ints) {
                out.put("kernel_shape", ints.values().stream().mapToLong(Long::longValue).toArray());
            }
        });
        return out;
    }
}
