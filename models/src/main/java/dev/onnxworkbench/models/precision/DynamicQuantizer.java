package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dynamic INT8 quantization, as onnxruntime's {@code quantize_dynamic}: MatMul and Gemm with a constant weight get
 * int8 weights (symmetric, per output column with {@code perChannel}) and read their input through
 * DynamicQuantizeLinear (uint8, scale computed per run): DynamicQuantizeLinear → MatMulInteger → Cast → Mul by
 * input scale · weight scale (→ Add bias for Gemm), the pattern ONNX Runtime fuses into DynamicQuantizeMatMul.
 * No calibration data is needed; the result is checked in ONNX Runtime on the sample given.
 */
public final class DynamicQuantizer {
    private static final Map<String, String> KEPT = Map.of(
            "Conv", "dynamic mode quantizes MatMul and Gemm; use --int8 static for convolutions",
            "ConvTranspose", "dynamic mode quantizes MatMul and Gemm; use --int8 static for convolutions",
            "LSTM", "ONNX Runtime's DynamicQuantizeLSTM needs its own weight layout; not written by this quantizer",
            "GRU", "ONNX Runtime has no dynamically quantized GRU kernel",
            "Attention", "the Attention contrib operator is not quantized by this quantizer");

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
        ElementTypes types = ElementTypes.of(model.graph.build());
        WeightQuantizer wq = new WeightQuantizer(model.weights);
        Set<String> floatUses = new HashSet<>();
        Set<String> replaced = new HashSet<>();
        Set<String> reads = new HashSet<>();
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> added = new ArrayList<>();
        Map<String, String[]> dynamic = new HashMap<>(); // activation → [quantized, scale, zero point]
        Map<String, Integer> quantized = new TreeMap<>();
        Map<String, Map<String, Integer>> kept = new TreeMap<>();
        List<String> quantizedNames = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int weights = 0;
        int constantWeights = 0;
        for (NodeProto n : model.graph.getNodeList()) {
            PreparedModel.subgraphReads(n, reads);
            String op = n.getOpType();
            String label = PreparedModel.label(n);
            boolean isExcluded = options.exclude().contains(op) || options.exclude().contains(n.getName())
                    || n.getOutputCount() > 0 && options.exclude().contains(n.getOutput(0));
            String why = isExcluded ? "excluded (--exclude)" : reason(n, op, types, model);
            if (why != null) {
                if (isExcluded) {
                    excluded.add(label);
                }
                if (!op.equals("Constant")) {
                    kept.computeIfAbsent(op, k -> new TreeMap<>()).merge(why, 1, Integer::sum);
                }
                n.getInputList().stream().filter(model::isInitializer).forEach(floatUses::add);
                nodes.add(n);
                continue;
            }
            String a = n.getInput(0);
            String w = n.getInput(1);
            boolean transB = op.equals("Gemm") && ElementTypes.attribute(n, "transB", 0) != 0;
            TensorProto weight = model.initializers.get(w);
            float[] values = model.weights.floats(weight);
            long[] dims = WeightQuantizer.dims(weight);
            if (transB) {
                values = transpose(values, (int) dims[0], (int) dims[1]);
                dims = new long[] {dims[1], dims[0]};
            }
            WeightQuantizer.Quantized q = wq.int8(values, dims, w + "_quantized" + (transB ? "_t" : ""),
                    options.perChannel() ? 1 : -1);
            added.add(q.values());
            replaced.add(w);
            weights++;
            if (model.fromConstants.contains(w)) {
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
                floatUses.add(n.getInput(2));
            }
            quantized.merge(op, 1, Integer::sum);
            quantizedNames.add(label);
        }
        if (quantized.isEmpty()) {
            throw new QuantizationException(model.mapped.name() + " has no MatMul or Gemm with a float constant weight "
                    + "to quantize dynamically" + (kept.containsKey("Conv") ? "; its convolutions need --int8 static "
                    + "with a calibration set" : "") + ".");
        }
        floatUses.addAll(reads);
        List<TensorProto> initializers = new ArrayList<>();
        for (TensorProto t : model.graph.getInitializerList()) {
            if (!replaced.contains(t.getName()) || floatUses.contains(t.getName())) {
                initializers.add(t);
            }
        }
        initializers.addAll(added);
        List<ValueInfoProto> inputs = model.graph.getInputList().stream()
                .filter(v -> !replaced.contains(v.getName()) || floatUses.contains(v.getName())).toList();
        model.graph.clearNode().addAllNode(nodes).clearInitializer().addAllInitializer(initializers).clearInput()
                .addAllInput(inputs);
        model.pruneUnused();
        OutputFile.write(model.mapped, model.build(), model.weights.added(), out);
        ModelCheck check = verifier.check(out, sample);
        List<QuantizationReport.Kept> keptList = new ArrayList<>();
        kept.forEach((op, reasons) -> reasons.forEach((why, count) ->
                keptList.add(new QuantizationReport.Kept(op, count, why))));
        return new QuantizationReport(source, out, "dynamic", options, quantized, quantizedNames, keptList, excluded,
                0, weights, constantWeights, "", upgrade.note().isEmpty() ? List.of() : List.of(upgrade.note()),
                OutputFile.size(source), OutputFile.size(out), check);
    }

    private static String reason(NodeProto n, String op, ElementTypes types, PreparedModel model) {
        if (!op.equals("MatMul") && !op.equals("Gemm")) {
            if (n.getInputCount() > 0 && !types.isFloat(n.getInput(0))) {
                return "computes shapes or indices, not float values";
            }
            return KEPT.getOrDefault(op, "dynamic mode quantizes MatMul and Gemm only");
        }
        if (n.getInputCount() < 2 || !model.isFloatInitializer(n.getInput(1))) {
            return "its weight is computed, not a float constant";
        }
        if (model.initializers.get(n.getInput(1)).getDimsCount() != 2) {
            return "its weight is not a matrix";
        }
        if (!types.isFloat(n.getInput(0)) || model.isInitializer(n.getInput(0))) {
            return "its input is not a float activation";
        }
        if (op.equals("Gemm") && (ElementTypes.attribute(n, "transA", 0) != 0 || floatAttr(n, "alpha") != 1f
                || floatAttr(n, "beta") != 1f)) {
            return "Gemm with transA, alpha or beta other than 1 is kept";
        }
        return null;
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
