package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Quantization's pre-processing (what onnxruntime's {@code quant_pre_process} gets from ONNX Runtime's optimizer),
 * on the top-level graph: a BatchNormalization that is a Conv's only reader is folded into the Conv's weight and
 * bias (W·γ/√(σ²+ε), (b − μ)·γ/√(σ²+ε) + β), so the pair quantizes as one QLinearConv instead of a float
 * BatchNormalization between DequantizeLinear and QuantizeLinear; a Div by a constant becomes a Mul by its
 * reciprocal, which has an int8 kernel. The folded values are new payloads; the rest stays on the mapping.
 */
final class GraphSimplifier {
    private final PreparedModel model;
    int foldedBatchNorms;
    int divisions;
    int hardSigmoids;
    int biasAdds;
    /**
     * Tensors the simplifier made that the original model lacks, each an increasing affine map of one it has:
     * calibration runs the original model, so their ranges are mapped from their source's.
     */
    final Map<String, Affine> derived = new HashMap<>();

    /** How many nodes read each tensor, and which node (by position) writes it. */
    private record NodeIndex(Map<String, Integer> readers, Map<String, Integer> producer) {
        static NodeIndex of(List<NodeProto> nodes) {
            Map<String, Integer> readers = new HashMap<>();
            Map<String, Integer> producer = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).getInputList().forEach(in -> readers.merge(in, 1, Integer::sum));
                for (String o : nodes.get(i).getOutputList()) {
                    producer.put(o, i);
                }
            }
            return new NodeIndex(readers, producer);
        }
    }

    /** {@code name = scale · source + offset}, {@code scale > 0}. */
    record Affine(String source, double scale, double offset) {
        double[] range(double[] sourceRange) {
            return new double[] {sourceRange[0] * scale + offset, sourceRange[1] * scale + offset};
        }
    }

    GraphSimplifier(PreparedModel model) {
        this.model = model;
    }

    void run() throws WorkbenchException {
        GraphProto.Builder g = model.graph;
        Map<String, Integer> readers = new HashMap<>();
        Set<String> outputs = new HashSet<>();
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        Set<String> subgraphReads = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            PreparedModel.subgraphReads(n, subgraphReads);
        }
        List<NodeProto> withBiases = foldBiasAdds(g.getNodeList(), outputs, subgraphReads);
        g.clearNode().addAllNode(withBiases);
        for (NodeProto n : g.getNodeList()) {
            n.getInputList().forEach(i -> readers.merge(i, 1, Integer::sum));
        }
        Map<String, NodeProto> byOutput = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            if (n.getOutputCount() > 0) {
                byOutput.put(n.getOutput(0), n);
            }
        }
        Set<NodeProto> removed = new HashSet<>();
        Map<NodeProto, NodeProto> replaced = new HashMap<>();
        for (NodeProto bn : g.getNodeList()) {
            if (!bn.getOpType().equals("BatchNormalization") || bn.getOutputCount() != 1 || bn.getInputCount() != 5) {
                continue;
            }
            NodeProto conv = byOutput.get(bn.getInput(0));
            String x = bn.getInput(0);
            if (conv == null || !isConvolution(conv) || replaced.containsKey(conv)
                    || readers.getOrDefault(x, 0) != 1 || outputs.contains(x) || subgraphReads.contains(x)
                    || !hasConstantWeights(conv)) {
                continue;
            }
            boolean constants = true;
            for (int k = 1; k < 5; k++) {
                constants &= model.isFloatInitializer(bn.getInput(k));
            }
            if (!constants) {
                continue;
            }
            replaced.put(conv, fold(conv, bn));
            removed.add(bn);
            foldedBatchNorms++;
        }
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            if (removed.contains(n)) {
                continue;
            }
            NodeProto out = replaced.getOrDefault(n, n);
            if (out.getOpType().equals("Div") && out.getInputCount() == 2 && model.isFloatInitializer(out.getInput(1))) {
                out = reciprocal(out);
            }
            nodes.add(out);
        }
        g.clearNode().addAllNode(foldHardSigmoids(nodes, outputs, subgraphReads));
    }

    /**
     * Conv → HardSigmoid(α, β), the Conv's only reader, becomes Conv(α·W, α·b + β) → Clip(0, 1): the Clip folds into
     * the Conv's output quantization, so a MobileNetV3 squeeze-excitation gate runs as one QLinearConv instead of
     * QLinearConv → DequantizeLinear → HardSigmoid → QuantizeLinear (ONNX Runtime has no int8 HardSigmoid).
     */
    private List<NodeProto> foldHardSigmoids(List<NodeProto> nodes, Set<String> outputs, Set<String> subgraphReads)
            throws WorkbenchException {
        NodeIndex index = NodeIndex.of(nodes);
        Map<String, Integer> readers = index.readers();
        Map<String, Integer> producer = index.producer();
        List<NodeProto> result = new ArrayList<>(nodes);
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto hs = nodes.get(i);
            if (!hs.getOpType().equals("HardSigmoid") || !hs.getDomain().isEmpty() || hs.getInputCount() != 1) {
                continue;
            }
            String x = hs.getInput(0);
            Integer p = producer.get(x);
            if (p == null || readers.getOrDefault(x, 0) != 1 || outputs.contains(x) || subgraphReads.contains(x)) {
                continue;
            }
            NodeProto conv = result.get(p);
            if (!conv.getOpType().equals("Conv") || !hasConstantWeights(conv)) {
                continue;
            }
            AttributeProto a = ElementTypes.find(hs, "alpha");
            AttributeProto b = ElementTypes.find(hs, "beta");
            float alpha = a == null ? 0.2f : a.getF();
            float beta = b == null ? 0.5f : b.getF();
            // the Conv's output changes meaning (α·x + β), so it changes name too: a comparison with the FP32
            // model by name must not pair it with the unscaled tensor
            String renamed = x + "_hardsigmoid_scaled";
            result.set(p, scaled(conv, alpha, beta).toBuilder().setOutput(0, renamed).build());
            if (alpha > 0) { // a range maps to a range only through an increasing map
                derived.put(renamed, new Affine(x, alpha, beta));
            }
            result.set(i, clip01(hs).toBuilder().setInput(0, renamed).build());
            hardSigmoids++;
        }
        return result;
    }

    private NodeProto scaled(NodeProto conv, float alpha, float beta) throws WorkbenchException {
        TensorProto wt = model.initializers.get(conv.getInput(1));
        float[] w = model.weights.floats(wt);
        int channels = (int) wt.getDims(0);
        boolean hasBias = conv.getInputCount() > 2 && !conv.getInput(2).isEmpty();
        float[] bias = hasBias ? floats(conv.getInput(2)) : new float[channels];
        float[] w2 = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            w2[i] = w[i] * alpha;
        }
        float[] b2 = new float[channels];
        for (int c = 0; c < channels; c++) {
            b2[c] = bias[c] * alpha + beta;
        }
        String base = PreparedModel.label(conv).replaceAll("[^A-Za-z0-9_.]", "_");
        TensorProto newW = model.weights.floats(base + "_hs_w", WeightQuantizer.dims(wt), w2);
        TensorProto newB = model.weights.floats(base + "_hs_b", new long[] {channels}, b2);
        add(newW, model.fromConstants.contains(conv.getInput(1)));
        add(newB, false);
        NodeProto.Builder out = conv.toBuilder().setInput(1, newW.getName());
        if (hasBias) {
            out.setInput(2, newB.getName());
        } else {
            out.addInput(newB.getName());
        }
        return out.build();
    }

    /** Clip(0, 1) in the model's opset: attributes before 11, constant inputs from 11. */
    private NodeProto clip01(NodeProto hs) {
        NodeProto.Builder clip = NodeProto.newBuilder().setOpType("Clip").setName(hs.getName())
                .addInput(hs.getInput(0)).addOutput(hs.getOutput(0));
        if (model.opset < 11) {
            clip.addAttribute(AttributeProto.newBuilder().setName("min").setType(AttributeProto.AttributeType.FLOAT)
                    .setF(0f));
            clip.addAttribute(AttributeProto.newBuilder().setName("max").setType(AttributeProto.AttributeType.FLOAT)
                    .setF(1f));
            return clip.build();
        }
        String base = PreparedModel.label(hs).replaceAll("[^A-Za-z0-9_.]", "_");
        TensorProto min = model.weights.floats(base + "_min", new long[0], 0f);
        TensorProto max = model.weights.floats(base + "_max", new long[0], 1f);
        add(min, false);
        add(max, false);
        return clip.addInput(min.getName()).addInput(max.getName()).build();
    }

    private NodeProto fold(NodeProto conv, NodeProto bn) throws WorkbenchException {
        TensorProto wt = model.initializers.get(conv.getInput(1));
        float[] w = model.weights.floats(wt);
        float[] gamma = floats(bn.getInput(1));
        float[] beta = floats(bn.getInput(2));
        float[] mean = floats(bn.getInput(3));
        float[] var = floats(bn.getInput(4));
        AttributeProto epsilonAttr = ElementTypes.find(bn, "epsilon");
        double epsilon = epsilonAttr == null ? 1e-5 : epsilonAttr.getF();
        int channels = outputChannels(conv, wt);
        boolean hasBias = conv.getInputCount() > 2 && !conv.getInput(2).isEmpty();
        float[] b = hasBias ? floats(conv.getInput(2)) : new float[channels];
        // Conv weights are [out, in/group, k…]; ConvTranspose weights (group 1) are [in, out, k…]
        int per = (int) (w.length / (wt.getDims(0) * wt.getDims(1)));
        boolean transposed = conv.getOpType().equals("ConvTranspose");
        float[] w2 = new float[w.length];
        float[] b2 = new float[channels];
        double[] f = new double[channels];
        for (int c = 0; c < channels; c++) {
            f[c] = gamma[c] / Math.sqrt(var[c] + epsilon);
            b2[c] = (float) ((b[c] - mean[c]) * f[c] + beta[c]);
        }
        for (int i = 0; i < w.length; i++) {
            int c = transposed ? (int) ((i / per) % wt.getDims(1)) : (int) (i / (w.length / wt.getDims(0)));
            w2[i] = (float) (w[i] * f[c]);
        }
        String base = PreparedModel.label(conv).replaceAll("[^A-Za-z0-9_.]", "_");
        TensorProto newW = model.weights.floats(base + "_bn_w", WeightQuantizer.dims(wt), w2);
        TensorProto newB = model.weights.floats(base + "_bn_b", new long[] {channels}, b2);
        add(newW, model.fromConstants.contains(conv.getInput(1)));
        add(newB, false);
        NodeProto.Builder out = conv.toBuilder();
        out.setInput(1, newW.getName());
        if (hasBias) {
            out.setInput(2, newB.getName());
        } else {
            out.addInput(newB.getName());
        }
        out.setOutput(0, bn.getOutput(0));
        return out.build();
    }

    /**
     * Conv/ConvTranspose → Add(a per-channel constant), the Add being the convolution's only reader, becomes one
     * convolution with the constant in its bias, writing the Add's output. PaddlePaddle exports a ConvTranspose's
     * bias as a separate Add: unfolded, the convolution's output was quantized over its own range, and the Add's
     * output again (two roundings, where the DB head's logits need every bit), and a BatchNormalization after the Add
     * could not fold.
     */
    private List<NodeProto> foldBiasAdds(List<NodeProto> nodes, Set<String> outputs, Set<String> subgraphReads)
            throws WorkbenchException {
        NodeIndex index = NodeIndex.of(nodes);
        Map<String, Integer> readers = index.readers();
        Map<String, Integer> producer = index.producer();
        List<NodeProto> result = new ArrayList<>(nodes);
        Set<Integer> gone = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto add = nodes.get(i);
            if (!add.getOpType().equals("Add") || !add.getDomain().isEmpty() || add.getInputCount() != 2) {
                continue;
            }
            int constant = model.isFloatInitializer(add.getInput(1)) ? 1 : model.isFloatInitializer(add.getInput(0)) ? 0 : -1;
            if (constant < 0) {
                continue;
            }
            String x = add.getInput(1 - constant);
            Integer p = producer.get(x);
            if (p == null || gone.contains(p) || readers.getOrDefault(x, 0) != 1 || outputs.contains(x)
                    || subgraphReads.contains(x)) {
                continue;
            }
            NodeProto conv = result.get(p);
            if (!isConvolution(conv) || conv.getOutputCount() != 1 || !hasConstantWeights(conv)) {
                continue;
            }
            TensorProto wt = model.initializers.get(conv.getInput(1));
            int channels = outputChannels(conv, wt);
            float[] perChannel = perChannel(model.initializers.get(add.getInput(constant)), channels,
                    wt.getDimsCount());
            if (perChannel == null) {
                continue;
            }
            boolean hasBias = conv.getInputCount() > 2 && !conv.getInput(2).isEmpty();
            float[] b = hasBias ? floats(conv.getInput(2)) : new float[channels];
            float[] b2 = new float[channels];
            for (int c = 0; c < channels; c++) {
                b2[c] = b[c] + perChannel[c];
            }
            String base = PreparedModel.label(conv).replaceAll("[^A-Za-z0-9_.]", "_");
            TensorProto newB = model.weights.floats(base + "_add_b", new long[] {channels}, b2);
            add(newB, false);
            NodeProto.Builder out = conv.toBuilder().setOutput(0, add.getOutput(0));
            if (hasBias) {
                out.setInput(2, newB.getName());
            } else {
                out.addInput(newB.getName());
            }
            result.set(p, out.build());
            gone.add(i);
            biasAdds++;
        }
        List<NodeProto> kept = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            if (!gone.contains(i)) {
                kept.add(result.get(i));
            }
        }
        return kept;
    }

    /** A constant's value per output channel when it broadcasts along the channel axis only, else null. */
    private float[] perChannel(TensorProto constant, int channels, int outputRank) throws WorkbenchException {
        long[] dims = WeightQuantizer.dims(constant);
        if (dims.length > outputRank) {
            return null;
        }
        long size = 1;
        for (int k = 0; k < dims.length; k++) {
            int axis = outputRank - dims.length + k; // broadcasting aligns the trailing axes
            if (dims[k] != 1 && !(axis == 1 && dims[k] == channels)) {
                return null;
            }
            size *= dims[k];
        }
        float[] v = model.weights.floats(constant);
        float[] out = new float[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = size == 1 ? v[0] : v[c];
        }
        return out;
    }

    /** A float constant weight, and a float constant bias or none: what a fold can rewrite. */
    private boolean hasConstantWeights(NodeProto conv) {
        return conv.getInputCount() >= 2 && model.isFloatInitializer(conv.getInput(1))
                && (conv.getInputCount() < 3 || conv.getInput(2).isEmpty() || model.isFloatInitializer(conv.getInput(2)));
    }

    /** Conv, or ConvTranspose with one group (whose weight layout {@link #fold} knows). */
    private static boolean isConvolution(NodeProto n) {
        if (!n.getDomain().isEmpty()) {
            return false;
        }
        if (n.getOpType().equals("Conv")) {
            return true;
        }
        AttributeProto group = ElementTypes.find(n, "group");
        return n.getOpType().equals("ConvTranspose") && (group == null || group.getI() == 1);
    }

    private static int outputChannels(NodeProto conv, TensorProto weight) {
        return (int) (conv.getOpType().equals("ConvTranspose") ? weight.getDims(1) : weight.getDims(0));
    }

    private NodeProto reciprocal(NodeProto div) throws WorkbenchException {
        TensorProto d = model.initializers.get(div.getInput(1));
        float[] v = model.weights.floats(d);
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = 1f / v[i];
        }
        TensorProto t = model.weights.floats(div.getInput(1) + "_reciprocal", WeightQuantizer.dims(d), r);
        add(t, false);
        divisions++;
        return div.toBuilder().setOpType("Mul").setInput(1, t.getName()).build();
    }

    private void add(TensorProto t, boolean fromConstant) {
        model.graph.addInitializer(t);
        model.initializers.put(t.getName(), t);
        if (fromConstant) {
            model.fromConstants.add(t.getName());
        }
    }

    private float[] floats(String name) throws WorkbenchException {
        return model.weights.floats(model.initializers.get(name));
    }
}
