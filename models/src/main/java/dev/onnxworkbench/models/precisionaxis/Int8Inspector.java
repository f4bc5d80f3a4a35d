package dev.onnxworkbench.models.precisionaxis;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.Int8Facts;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.optimize.GraphOptimizer;
import dev.onnxworkbench.models.optimize.OptimizedModel;
import dev.onnxworkbench.models.precision.LatencyComparison;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what decides an INT8 model's speed on this machine ({@link Int8Facts}): the CPU's int8 dot-product
 * instructions (/proc/cpuinfo), the format (QDQ, QOperator, dynamic) and activation signedness from the model, and,
 * from the graph ONNX Runtime saves after its optimizations ({@link GraphOptimizer}, level extended, where its QDQ
 * fusions run), the QuantizeLinear/DequantizeLinear nodes it could not fuse and the float operators they feed.
 */
public final class Int8Inspector {
    private static final Set<String> QOPERATOR = Set.of("QLinearConv", "QLinearMatMul", "QLinearAdd", "QLinearMul",
            "QLinearConcat", "QLinearAveragePool", "QLinearGlobalAveragePool", "QLinearSigmoid", "QLinearLeakyRelu",
            "ConvInteger", "MatMulInteger", "QGemm", "QAttention", "DynamicQuantizeLSTM", "DynamicQuantizeMatMul");

    private final GraphOptimizer optimizer;

    public Int8Inspector(GraphOptimizer optimizer) {
        this.optimizer = optimizer;
    }

    /** Null when the model has no quantization operators at all (a float model). */
    public Int8Facts inspect(Path model, ProviderSettings settings, Path scratch) throws WorkbenchException {
        Graph graph = new OnnxReader().read(model).graph();
        Map<String, Integer> ops = counts(graph);
        boolean dynamic = ops.containsKey("DynamicQuantizeLinear") || ops.containsKey("DynamicQuantizeLSTM");
        boolean qoperator = ops.keySet().stream().anyMatch(QOPERATOR::contains);
        int q = ops.getOrDefault("QuantizeLinear", 0);
        int dq = ops.getOrDefault("DequantizeLinear", 0);
        if (!dynamic && !qoperator && q + dq == 0) {
            return null;
        }
        String format = dynamic ? "dynamic" : q + dq > 0 ? "QDQ" : "QOperator";
        String cpu = LatencyComparison.cpuInt8Support();
        boolean dot = cpu.contains("VNNI") && !cpu.contains("without") || cpu.contains("asimddp");
        int qLeft = -1;
        int dqLeft = -1;
        Map<String, Integer> around = Map.of();
        String note = null;
        try {
            OptimizedModel optimized = optimizer.optimize(model, "extended", settings, scratch, null,
                    "only its Q/DQ nodes were counted");
            Graph after = optimized.optimized().graph();
            Map<String, Integer> afterOps = counts(after);
            qLeft = afterOps.getOrDefault("QuantizeLinear", 0);
            dqLeft = afterOps.getOrDefault("DequantizeLinear", 0);
            around = readersOfDequantized(after);
        } catch (WorkbenchException e) {
            note = "ONNX Runtime's optimized graph could not be saved, so unfused Q/DQ nodes were not counted: "
                    + e.getMessage();
        }
        return new Int8Facts(cpu, dot, format, signedActivations(graph), q, dq, qLeft, dqLeft, around, note);
    }

    private static Map<String, Integer> counts(Graph graph) {
        Map<String, Integer> ops = new HashMap<>();
        for (Node n : graph.nodes()) {
            ops.merge(n.opType(), 1, Integer::sum);
            for (Node.NamedGraph sub : n.subgraphs()) {
                counts(sub.graph()).forEach((k, v) -> ops.merge(k, v, Integer::sum));
            }
        }
        return ops;
    }

    /** Operator types that read a DequantizeLinear output of an activation (not a weight's) after optimization. */
    private static Map<String, Integer> readersOfDequantized(Graph graph) {
        Set<String> initializers = new HashSet<>();
        graph.initializers().forEach(t -> initializers.add(t.name()));
        Set<String> dequantized = new HashSet<>();
        for (Node n : graph.nodes()) {
            if (n.opType().equals("DequantizeLinear") && !n.inputs().isEmpty() && !initializers.contains(n.inputs().getFirst())) {
                dequantized.addAll(n.outputs());
            }
        }
        Map<String, Integer> readers = new TreeMap<>();
        for (Node n : graph.nodes()) {
            if (n.opType().equals("QuantizeLinear") || n.opType().equals("DequantizeLinear")) {
                continue;
            }
            if (n.inputs().stream().anyMatch(dequantized::contains)) {
                readers.merge(n.opType(), 1, Integer::sum);
            }
        }
        return readers;
    }

    /** int8 zero points on QuantizeLinear (S8S8); uint8 or none is U8S8. */
    private static boolean signedActivations(Graph graph) {
        Map<String, ElementType> types = new HashMap<>();
        for (Tensor t : graph.initializers()) {
            types.put(t.name(), t.elementType());
        }
        List<Node> quantize = graph.nodes().stream().filter(n -> n.opType().equals("QuantizeLinear")
                || n.opType().equals("QLinearConv") || n.opType().equals("QLinearMatMul")).toList();
        for (Node n : quantize) {
            int zp = 2; // QuantizeLinear's y_zero_point and QLinearConv/QLinearMatMul's x_zero_point
            if (n.inputs().size() > zp && types.get(n.inputs().get(zp)) == ElementType.INT8) {
                return true;
            }
        }
        return false;
    }
}
