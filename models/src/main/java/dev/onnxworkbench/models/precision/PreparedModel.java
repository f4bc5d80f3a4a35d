package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model mapped and made ready for a quantizer: refused when already quantized or too old for QDQ; top-level
 * float Constant nodes turned into initializers of the same name, so weights held in Constant nodes (PaddlePaddle
 * and TensorFlow exporters' habit) are quantized like initializers instead of being silently skipped.
 */
final class PreparedModel {
    static final Set<String> QUANTIZED_OPS = Set.of("QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear",
            "QLinearConv", "QLinearMatMul", "MatMulInteger", "ConvInteger", "QLinearAdd", "QLinearMul",
            "MatMulIntegerToFloat", "DynamicQuantizeMatMul", "DynamicQuantizeLSTM");

    final MappedModelProto mapped;
    final Weights weights;
    final GraphProto.Builder graph;
    final int opset;
    final Set<String> fromConstants = new HashSet<>();
    final Map<String, TensorProto> initializers = new HashMap<>();

    private PreparedModel(MappedModelProto mapped, int opset) {
        this.mapped = mapped;
        this.weights = new Weights(mapped);
        this.graph = mapped.proto().getGraph().toBuilder();
        this.opset = opset;
    }

    /** Refuses a model that already holds quantization operators. */
    static void refuseQuantized(Path source) throws WorkbenchException {
        MappedModelProto mapped = MappedModelProto.read(source);
        refuseQuantized(mapped, mapped.proto().getGraph());
    }

    private static void refuseQuantized(MappedModelProto mapped, GraphProto graph) throws WorkbenchException {
        for (NodeProto n : graph.getNodeList()) {
            if (QUANTIZED_OPS.contains(n.getOpType())) {
                throw new QuantizationException(mapped.name() + " is already quantized (it has " + n.getOpType()
                        + " nodes, e.g. '" + label(n) + "'); quantize the float model instead.");
            }
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    refuseQuantized(mapped, a.getG());
                }
                for (GraphProto g : a.getGraphsList()) {
                    refuseQuantized(mapped, g);
                }
            }
        }
    }

    static PreparedModel prepare(Path source, int minimumOpset, String why) throws WorkbenchException {
        MappedModelProto mapped = MappedModelProto.read(source);
        ModelProto proto = mapped.proto();
        int opset = defaultOpset(proto);
        if (opset < minimumOpset) {
            throw new QuantizationException(mapped.name() + " uses opset " + opset + "; " + why + " needs opset "
                    + minimumOpset + ". Convert it first (edit MODEL --opset " + minimumOpset + " --out F.onnx).");
        }
        PreparedModel p = new PreparedModel(mapped, opset);
        p.constantsToInitializers();
        for (TensorProto t : p.graph.getInitializerList()) {
            p.initializers.put(t.getName(), t);
        }
        boolean anyFloat = p.initializers.values().stream().anyMatch(t -> t.getDataType() == ElementTypes.FLOAT)
                || p.graph.getNodeList().stream().anyMatch(PreparedModel::bodyHoldsFloats);
        if (!anyFloat) {
            throw new QuantizationException(mapped.name() + " has no float32 weights (initializers or Constant "
                    + "values) to quantize.");
        }
        return p;
    }

    static int defaultOpset(ModelProto proto) {
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return (int) o.getVersion();
            }
        }
        return 1;
    }

    static String label(NodeProto n) {
        return n.getName().isEmpty() ? (n.getOutputCount() > 0 ? n.getOutput(0) : n.getOpType()) : n.getName();
    }

    private void constantsToInitializers() {
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto n : graph.getNodeList()) {
            AttributeProto value = n.getOpType().equals("Constant") && n.getAttributeCount() == 1
                    ? ElementTypes.find(n, "value") : null;
            if (value != null && value.getT().getDataType() == ElementTypes.FLOAT && n.getOutputCount() == 1
                    && value.getT().getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                graph.addInitializer(value.getT().toBuilder().setName(n.getOutput(0)));
                fromConstants.add(n.getOutput(0));
            } else {
                kept.add(n);
            }
        }
        graph.clearNode().addAllNode(kept);
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    boolean isFloatInitializer(String name) {
        TensorProto t = initializers.get(name);
        return t != null && t.getDataType() == ElementTypes.FLOAT;
    }

    /** Drops initializers nothing reads any more (weights replaced by quantized or folded ones). */
    void pruneUnused() {
        Set<String> used = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            used.addAll(n.getInputList());
            subgraphReads(n, used);
        }
        graph.getOutputList().forEach(o -> used.add(o.getName()));
        List<TensorProto> kept = graph.getInitializerList().stream().filter(t -> used.contains(t.getName())).toList();
        Set<String> keptNames = new HashSet<>();
        kept.forEach(t -> keptNames.add(t.getName()));
        Set<String> dropped = new HashSet<>(initializers.keySet());
        dropped.removeAll(keptNames);
        var inputs = graph.getInputList().stream().filter(v -> !dropped.contains(v.getName())).toList();
        graph.clearInitializer().addAllInitializer(kept).clearInput().addAllInput(inputs);
    }

    ModelProto build() {
        return mapped.proto().toBuilder().setGraph(graph).build();
    }

    /** True when a body of {@code n} (or of a node inside it) has a float initializer or float Constant node. */
    static boolean bodyHoldsFloats(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            List<GraphProto> graphs = new ArrayList<>(a.getGraphsList());
            if (a.hasG()) {
                graphs.add(a.getG());
            }
            for (GraphProto g : graphs) {
                if (g.getInitializerList().stream().anyMatch(t -> t.getDataType() == ElementTypes.FLOAT)) {
                    return true;
                }
                for (NodeProto inner : g.getNodeList()) {
                    AttributeProto v = inner.getOpType().equals("Constant") ? ElementTypes.find(inner, "value") : null;
                    if (v != null && v.getT().getDataType() == ElementTypes.FLOAT || bodyHoldsFloats(inner)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Names read inside the node's subgraphs (outer-scope captures among them). */
    static void subgraphReads(NodeProto n, Set<String> into) {
        for (AttributeProto a : n.getAttributeList()) {
            List<GraphProto> graphs = new ArrayList<>(a.getGraphsList());
            if (a.hasG()) {
                graphs.add(a.getG());
            }
            for (GraphProto g : graphs) {
                for (NodeProto inner : g.getNodeList()) {
                    into.addAll(inner.getInputList());
                    subgraphReads(inner, into);
                }
            }
        }
    }

    static NodeProto.Builder node(String op, String name, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs);
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
