package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dynamic INT8 quantization, as onnxruntime's {@code quantize_dynamic}: MatMul and Gemm with a constant weight get
 * int8 weights (symmetric, per output column with {@code perChannel}) and read their input through
 * DynamicQuantizeLinear (uint8, scale computed per run): DynamicQuantizeLinear → MatMulInteger → Cast → Mul by
 * input scale · weight scale (→ Add bias for Gemm), the pattern ONNX Runtime fuses into DynamicQuantizeMatMul.
 * An LSTM with constant W and R becomes com.microsoft DynamicQuantizeLSTM (int8 weights per direction, or per
 * direction and gate row). Nodes inside If/Loop/Scan bodies are quantized too, their weights found through
 * {@link ConstantValues} (outer-scope initializers, Constant nodes, the Slice/Concat/Unsqueeze chains exporters
 * build LSTM weights with); the float chains nothing reads any more are dropped.
 * No calibration data is needed; the result is checked in ONNX Runtime on the sample given.
 */
public final class DynamicQuantizer {
    private static final Map<String, String> KEPT = Map.of(
            "Conv", "dynamic mode quantizes MatMul, Gemm and LSTM; use --int8 static for convolutions",
            "ConvTranspose", "dynamic mode quantizes MatMul, Gemm and LSTM; use --int8 static for convolutions",
            "GRU", "ONNX Runtime has no dynamically quantized GRU kernel (only DynamicQuantizeLSTM)",
            "Attention", "ONNX Runtime's QAttention covers only the com.microsoft Attention contrib operator, which "
                    + "this quantizer does not rewrite; attention built from MatMul nodes is quantized");
    private static final String MS_DOMAIN = "com.microsoft";

    private final ModelVerifier verifier;

    public DynamicQuantizer(ModelVerifier verifier) {
        this.verifier = verifier;
    }

    public QuantizationReport quantize(Path source, Path out, QuantizeOptions options, Map<String, HostTensor> sample)
            throws WorkbenchException {
        OutputFile.checkTarget(source, out);
        PreparedModel.refuseQuantized(source);
        try (OpsetUpgrade upgrade = OpsetUpgrade.to(source, options.perChannel() ? 13 : 11)) {
            return quantize(source, upgrade, out, options, sample);
        }
    }

    private QuantizationReport quantize(Path source, OpsetUpgrade upgrade, Path out, QuantizeOptions options,
                                        Map<String, HostTensor> sample) throws WorkbenchException {
        PreparedModel model = PreparedModel.prepare(upgrade.path(), 11, "DynamicQuantizeLinear");
        Pass pass = new Pass(model, ElementTypes.of(model.graph.build()), options);
        List<TensorProto> added = new ArrayList<>();
        List<NodeProto> nodes = pass.rewrite(model.graph.getNodeList(),
                ConstantValues.of(model.weights, model.initializers, model.graph), added, false);
        if (pass.quantized.isEmpty()) {
            throw new QuantizationException(model.mapped.name() + " has no MatMul, Gemm or LSTM with float constant "
                    + "weights to quantize dynamically" + (pass.kept.containsKey("Conv") ? "; its convolutions need "
                    + "--int8 static with a calibration set" : "") + ".");
        }
        model.graph.clearNode().addAllNode(nodes).addAllInitializer(added);
        DeadNodes.prune(model.graph);
        model.pruneUnused();
        var proto = model.build().toBuilder();
        if (pass.quantized.containsKey("LSTM") && proto.getOpsetImportList().stream()
                .noneMatch(o -> o.getDomain().equals(MS_DOMAIN))) {
            proto.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1));
        }
        OutputFile.write(model.mapped, proto.build(), model.weights.added(), out);
        ModelCheck check = verifier.check(out, sample);
        List<QuantizationReport.Kept> keptList = new ArrayList<>();
        pass.kept.forEach((op, reasons) -> reasons.forEach((why, count) ->
                keptList.add(new QuantizationReport.Kept(op, count, why))));
        List<String> notes = new ArrayList<>();
        if (!upgrade.note().isEmpty()) {
            notes.add(upgrade.note());
        }
        if (pass.inBodies > 0) {
            notes.add(pass.inBodies + " of the quantized nodes are inside If/Loop/Scan bodies");
        }
        return new QuantizationReport(source, out, "dynamic", options, pass.quantized, pass.quantizedNames, keptList,
                pass.excluded, 0, pass.weights, pass.constantWeights, "", notes, OutputFile.size(source),
                OutputFile.size(out), check);
    }

    /** One quantization of a model: rewrites a graph's nodes and, recursively, its bodies'. */
    private static final class Pass {
        final PreparedModel model;
        final ElementTypes types;
        final QuantizeOptions options;
        final WeightQuantizer wq;
        final Map<String, Integer> quantized = new TreeMap<>();
        final Map<String, Map<String, Integer>> kept = new TreeMap<>();
        final List<String> quantizedNames = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();
        int weights;
        int constantWeights;
        int inBodies;

        Pass(PreparedModel model, ElementTypes types, QuantizeOptions options) {
            this.model = model;
            this.types = types;
            this.options = options;
            this.wq = new WeightQuantizer(model.weights);
        }

        /** The graph's nodes rewritten; new initializers go to {@code added} (the graph's own). */
        List<NodeProto> rewrite(List<NodeProto> in, ConstantValues scope, List<TensorProto> added, boolean body)
                throws WorkbenchException {
            List<NodeProto> nodes = new ArrayList<>();
            Map<String, String[]> dynamic = new HashMap<>(); // activation → [quantized, scale, zero point]
            Map<String, LstmWeights.Quantized> lstmWeights = new HashMap<>();
            for (NodeProto original : in) {
                NodeProto n = withBodies(original, scope);
                String op = n.getOpType();
                String label = PreparedModel.label(n);
                boolean isExcluded = options.exclude().contains(op) || options.exclude().contains(n.getName())
                        || n.getOutputCount() > 0 && options.exclude().contains(n.getOutput(0));
                String why = isExcluded ? "excluded (--exclude)" : reason(n, op, scope);
                if (why != null) {
                    if (isExcluded) {
                        excluded.add(label);
                    }
                    if (!op.equals("Constant")) {
                        kept.computeIfAbsent(op, k -> new TreeMap<>()).merge(why, 1, Integer::sum);
                    }
                    nodes.add(n);
                    continue;
                }
                if (op.equals("LSTM")) {
                    nodes.add(lstm(n, scope, added, lstmWeights));
                } else {
                    matMul(n, op, label, scope, added, dynamic, nodes);
                }
                quantized.merge(op, 1, Integer::sum);
                quantizedNames.add(label);
                if (body) {
                    inBodies++;
                }
            }
            return nodes;
        }

        /** {@code n} with each If/Loop/Scan body rewritten, quantized weights stored in that body. */
        private NodeProto withBodies(NodeProto n, ConstantValues scope) throws WorkbenchException {
            if (n.getAttributeList().stream().noneMatch(a -> a.hasG() || a.getGraphsCount() > 0)) {
                return n;
            }
            NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < b.getAttributeCount(); i++) {
                AttributeProto a = b.getAttribute(i);
                if (a.hasG()) {
                    b.setAttribute(i, a.toBuilder().setG(body(a.getG(), scope)));
                } else if (a.getGraphsCount() > 0) {
                    AttributeProto.Builder ab = a.toBuilder().clearGraphs();
                    for (GraphProto g : a.getGraphsList()) {
                        ab.addGraphs(body(g, scope));
                    }
                    b.setAttribute(i, ab);
                }
            }
            return b.build();
        }

        private GraphProto body(GraphProto g, ConstantValues outer) throws WorkbenchException {
            List<TensorProto> added = new ArrayList<>();
            List<NodeProto> nodes = rewrite(g.getNodeList(), outer.enter(g), added, true);
            return g.toBuilder().clearNode().addAllNode(nodes).addAllInitializer(added).build();
        }

        private String reason(NodeProto n, String op, ConstantValues scope) throws WorkbenchException {
            if (op.equals("LSTM")) {
                return lstmReason(n, scope);
            }
            if (!op.equals("MatMul") && !op.equals("Gemm")) {
                if (n.getInputCount() > 0 && !types.isFloat(n.getInput(0))
                        && types.get(n.getInput(0)) != ElementTypes.UNKNOWN) {
                    return "computes shapes or indices, not float values";
                }
                return KEPT.getOrDefault(op, "dynamic mode quantizes MatMul, Gemm and LSTM only");
            }
            ConstantValues.Value w = n.getInputCount() < 2 ? null : scope.floats(n.getInput(1));
            if (w == null) {
                return "its weight is computed, not a float constant";
            }
            if (w.dims().length != 2) {
                return "its weight is not a matrix";
            }
            String a = n.getInput(0);
            int aType = types.get(a);
            if (aType != ElementTypes.FLOAT && aType != ElementTypes.UNKNOWN || scope.value(a) != null) {
                return "its input is not a float activation";
            }
            if (op.equals("Gemm") && (ElementTypes.attribute(n, "transA", 0) != 0 || floatAttr(n, "alpha") != 1f
                    || floatAttr(n, "beta") != 1f)) {
                return "Gemm with transA, alpha or beta other than 1 is kept";
            }
            return null;
        }

        private static String lstmReason(NodeProto n, ConstantValues scope) throws WorkbenchException {
            if (n.getInputCount() < 3) {
                return "its weights are missing";
            }
            ConstantValues.Value w = scope.floats(n.getInput(1));
            ConstantValues.Value r = scope.floats(n.getInput(2));
            if (w == null || r == null) {
                return "its weights are computed, not float constants";
            }
            if (w.dims().length != 3 || r.dims().length != 3) {
                return "its weights are not [directions, 4·hidden, size]";
            }
            if (ElementTypes.attribute(n, "layout", 0) != 0) {
                return "layout=1 (batch first) has no DynamicQuantizeLSTM form";
            }
            return null;
        }

        /**
         * com.microsoft DynamicQuantizeLSTM as onnxruntime's quantizer writes it: X, W, R, B, sequence_lens,
         * initial_h, initial_c, P, W_scale, W_zero_point, R_scale, R_zero_point; attributes but layout copied.
         */
        private NodeProto lstm(NodeProto n, ConstantValues scope, List<TensorProto> added,
                               Map<String, LstmWeights.Quantized> done) throws WorkbenchException {
            LstmWeights.Quantized[] q = new LstmWeights.Quantized[2];
            for (int k = 0; k < 2; k++) {
                String name = n.getInput(1 + k);
                q[k] = done.get(name);
                if (q[k] == null) {
                    q[k] = LstmWeights.quantize(model.weights, scope.floats(name), name, options.perChannel());
                    done.put(name, q[k]);
                    added.add(q[k].values());
                    added.add(q[k].scale());
                    added.add(q[k].zeroPoint());
                    weights++;
                    if (scope.isConstantNode(name) || model.fromConstants.contains(name)) {
                        constantWeights++;
                    }
                }
            }
            List<String> inputs = new ArrayList<>(List.of(n.getInput(0), q[0].values().getName(),
                    q[1].values().getName()));
            for (int i = 3; i < 8; i++) {
                inputs.add(i < n.getInputCount() ? n.getInput(i) : "");
            }
            inputs.addAll(List.of(q[0].scale().getName(), q[0].zeroPoint().getName(), q[1].scale().getName(),
                    q[1].zeroPoint().getName()));
            NodeProto.Builder b = PreparedModel.node("DynamicQuantizeLSTM",
                    n.getName().isEmpty() ? "" : n.getName() + "_quant", inputs, n.getOutputList())
                    .setDomain(MS_DOMAIN);
            n.getAttributeList().stream().filter(a -> !a.getName().equals("layout")).forEach(b::addAttribute);
            return b.build();
        }

        private void matMul(NodeProto n, String op, String label, ConstantValues scope, List<TensorProto> added,
                            Map<String, String[]> dynamic, List<NodeProto> nodes) throws WorkbenchException {
            String a = n.getInput(0);
            String w = n.getInput(1);
            boolean transB = op.equals("Gemm") && ElementTypes.attribute(n, "transB", 0) != 0;
            ConstantValues.Value weight = scope.floats(w);
            float[] values = weight.floats();
            long[] dims = weight.dims();
            if (transB) {
                values = transpose(values, (int) dims[0], (int) dims[1]);
                dims = new long[] {dims[1], dims[0]};
            }
            WeightQuantizer.Quantized q = wq.int8(values, dims, w + "_quantized" + (transB ? "_t" : ""),
                    options.perChannel() ? 1 : -1);
            added.add(q.values());
            weights++;
            if (scope.isConstantNode(w) || model.fromConstants.contains(w)) {
                constantWeights++;
            }
            long[] scaleDims = options.perChannel() ? new long[] {q.scales().length} : new long[0];
            String wScale = w + "_scale";
            String wZero = w + "_zero_point";
            added.add(model.weights.floats(wScale, scaleDims, options.perChannel() ? q.scales()
                    : new float[] {q.scales()[0]}));
            added.add(model.weights.bytes(wZero, ElementTypes.INT8, scaleDims,
                    new byte[options.perChannel() ? q.scales().length : 1]));
            String[] dq = dynamic.get(a);
            if (dq == null) {
                dq = new String[] {a + "_quantized", a + "_scale", a + "_zero_point"};
                nodes.add(PreparedModel.node("DynamicQuantizeLinear", a + "_DynamicQuantizeLinear", List.of(a),
                        List.of(dq)).build());
                dynamic.put(a, dq);
            }
            String y = n.getOutput(0);
            String base = label.replaceAll("[^A-Za-z0-9_.]", "_");
            String integer = base + "_MatMulInteger_output";
            nodes.add(PreparedModel.node("MatMulInteger", base + "_MatMulInteger",
                    List.of(dq[0], q.values().getName(), dq[2], wZero), List.of(integer)).build());
            String asFloat = base + "_cast_output";
            nodes.add(PreparedModel.node("Cast", base + "_cast", List.of(integer), List.of(asFloat))
                    .addAttribute(PreparedModel.intAttribute("to", ElementTypes.FLOAT)).build());
            String scale = base + "_scales_mul";
            nodes.add(PreparedModel.node("Mul", base + "_scales_mul", List.of(dq[1], wScale), List.of(scale)).build());
            boolean bias = op.equals("Gemm") && n.getInputCount() > 2 && !n.getInput(2).isEmpty();
            String product = bias ? base + "_output_before_bias" : y;
            nodes.add(PreparedModel.node("Mul", base + "_output_mul", List.of(asFloat, scale), List.of(product)).build());
            if (bias) {
                nodes.add(PreparedModel.node("Add", base + "_bias_add", List.of(product, n.getInput(2)), List.of(y))
                        .build());
            }
        }
    }

    private static float floatAttr(NodeProto n, String name) {
        var a = ElementTypes.find(n, name);
        return a == null ? 1f : a.getF();
    }

    /** B of Gemm with transB=1 ([N, K]) as [K, N]. */
    private static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = v[r * cols + c];
            }
        }
        return out;
    }
}
