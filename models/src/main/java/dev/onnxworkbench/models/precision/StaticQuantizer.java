package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Static INT8 quantization in QDQ format, as onnxruntime's {@code quantize_static(quant_format=QDQ)}: the
 * operators of {@link QdqRegistry} get QuantizeLinear→DequantizeLinear pairs on their activations (ranges from
 * {@link Calibrator} over the user's calibration set) and DequantizeLinear on their int8 weights (symmetric, per
 * channel with {@code perChannel}: axis 0 for Conv, 1 for ConvTranspose and MatMul's [K, N]); Conv/Gemm biases
 * become int32 with scale = input scale · weight scale; Relu/Clip that are their producer's only reader are folded
 * into its output quantization; MaxPool/Resize/Reshape/Transpose outputs reuse their input's parameters; a Mul by
 * a positive scalar constant becomes a DequantizeLinear with a scaled scale. Every reader of a quantized tensor
 * reads its DequantizeLinear output, so ONNX Runtime fuses DQ→op→Q into its int8 kernels at load (U8S8 on x86). The original file is never touched; the result is checked in ONNX Runtime.
 */
public final class StaticQuantizer {
    private final ModelVerifier verifier;
    private final Calibrator calibrator;

    public StaticQuantizer(ModelVerifier verifier) {
        this.verifier = verifier;
        this.calibrator = new Calibrator(verifier);
    }

    public QuantizationReport quantize(Path source, Path out, QuantizeOptions options, SampleSet calibration,
                                       Progress progress) throws WorkbenchException {
        OutputFile.checkTarget(source, out);
        Map<String, HostTensor> first = calibration.sample(0); // checks the set fits before anything runs
        PreparedModel.refuseQuantized(source);
        try (OpsetUpgrade upgrade = OpsetUpgrade.to(source, options.perChannel() ? 13 : 10)) {
            return quantize(source, upgrade, out, options, calibration, first, progress);
        }
    }

    private QuantizationReport quantize(Path source, OpsetUpgrade upgrade, Path out, QuantizeOptions options,
                                        SampleSet calibration, Map<String, HostTensor> first, Progress progress)
            throws WorkbenchException {
        PreparedModel model = PreparedModel.prepare(upgrade.path(), 10, "QuantizeLinear/DequantizeLinear");
        GraphSimplifier simplifier = new GraphSimplifier(model);
        simplifier.run();
        Plan plan = new Plan(model, options);
        List<String> notes = new ArrayList<>();
        if (!upgrade.note().isEmpty()) {
            notes.add(upgrade.note());
        }
        if (simplifier.foldedBatchNorms + simplifier.divisions + simplifier.hardSigmoids + simplifier.biasAdds > 0) {
            notes.add("Before quantizing: " + simplifier.foldedBatchNorms + " BatchNormalization folded into the "
                    + "preceding Conv, " + simplifier.divisions + " Div by a constant turned into Mul by its reciprocal, "
                    + simplifier.hardSigmoids + " HardSigmoid after a Conv folded into its weights (then Clip 0–1)"
                    + (simplifier.biasAdds > 0 ? ", " + simplifier.biasAdds + " Add of a per-channel constant after a "
                    + "convolution folded into its bias" : "") + ".");
        }
        notes.addAll(plan.notes);
        progress.update("Calibrating " + plan.calibrated.size() + " tensors", 0, calibration.size());
        Map<String, double[]> ranges = calibrate(upgrade.path(), plan.calibrated, simplifier.derived, calibration,
                options, progress);
        int unseen = 0;
        for (String t : plan.calibrated) {
            double[] r = ranges.get(t);
            if (r == null) {
                unseen++;
                r = new double[] {0, 0};
            }
            r = plan.saturationClamped(t, plan.functionRange(t, r));
            plan.params.put(t, QParams.of(r[0], r[1], options.symmetricActivations()));
        }
        if (unseen > 0) {
            notes.add(unseen + " tensors produced no values during calibration (e.g. inside branches not taken); "
                    + "they were given scale 1.");
        }
        plan.inheritParams();
        List<String> requantized = plan.requantizedAtLoad();
        if (!requantized.isEmpty()) {
            notes.add(requantized.size() + " node(s) kept in float sit between a DequantizeLinear and a QuantizeLinear, "
                    + "so ONNX Runtime (1.20 and later) quantizes their weights itself when it loads the model (per "
                    + "tensor, symmetric int8) and runs them as int8: " + String.join(", ", requantized) + ". To run "
                    + "them in float, also exclude what reads their output (past any Relu or Clip), so that no "
                    + "QuantizeLinear follows them.");
        }
        progress.update("Writing the quantized model", calibration.size(), calibration.size());
        plan.rewrite();
        model.pruneUnused();
        OutputFile.write(model.mapped, model.build(), model.weights.added(), out);
        ModelCheck check = verifier.check(out, first);
        String calibrationText = calibration.description() + ", " + options.method().displayName()
                + (options.method() == CalibrationMethod.PERCENTILE ? " " + options.percentile() : "");
        return new QuantizationReport(source, out, "static (QDQ)", options, plan.quantizedByType, plan.quantizedNames,
                plan.kept(), plan.excluded, plan.folds.size(), plan.weightCount, plan.constantWeights, calibrationText,
                notes, OutputFile.size(source), OutputFile.size(out), check);
    }

    /** The decisions for one model, then the rewrite. */

    /**
     * Ranges of the tensors to quantize, observed on the original model: a tensor the simplifier made (a Conv
     * output scaled by a folded HardSigmoid, which an excluded Conv leaves for its Clip to read) takes its
     * source's range through the same affine map, since the original model has no tensor of that name.
     */
    private Map<String, double[]> calibrate(Path original, Set<String> tensors, Map<String, GraphSimplifier.Affine> derived,
                                            SampleSet calibration, QuantizeOptions options, Progress progress)
            throws WorkbenchException {
        Set<String> observed = new LinkedHashSet<>();
        for (String t : tensors) {
            GraphSimplifier.Affine a = derived.get(t);
            observed.add(a == null ? t : a.source());
        }
        Map<String, double[]> ranges = new HashMap<>(calibrator.calibrate(original, observed, calibration,
                options.method(), options.percentile(), progress));
        for (String t : tensors) {
            GraphSimplifier.Affine a = derived.get(t);
            if (a != null && ranges.containsKey(a.source())) {
                ranges.put(t, a.range(ranges.get(a.source())));
            }
        }
        return ranges;
    }

    private static final class Plan {
        private final PreparedModel model;
        private final QuantizeOptions options;
        private final List<NodeProto> nodes;
        private final ElementTypes types;
        private final boolean perChannel;
        private final boolean[] quantized;
        private final Map<Integer, String> keptReason = new HashMap<>();
        final Map<Integer, String> folds = new HashMap<>(); // producer index → new output name (the Relu's)
        private final Set<Integer> foldedAway = new HashSet<>();
        private final Map<String, Integer> producer = new HashMap<>();
        private final Map<String, List<Integer>> consumers = new HashMap<>();
        private final Set<String> subgraphReads = new HashSet<>();
        /** Tensors whose values reach a comparison (see markCompared) → the comparison's operator. */
        private final Map<String, String> compared = new HashMap<>();
        final Set<String> calibrated = new LinkedHashSet<>();
        private final Map<String, String> sameAs = new LinkedHashMap<>();
        /** Mul nodes by a positive scalar constant: no kernel at all, a DequantizeLinear with a scaled scale. */
        private final Map<Integer, Float> rescales = new HashMap<>();
        /** Output of a rescale → the factor its input's scale is multiplied by. */
        private final Map<String, Float> factors = new HashMap<>();
        /** A rescale's output → the tensor whose quantized values it reads. */
        private final Map<String, String> quantizedSource = new HashMap<>();
        final Map<String, QParams> params = new HashMap<>();
        final Map<String, Integer> quantizedByType = new TreeMap<>();
        final List<String> quantizedNames = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int weightCount;
        int constantWeights;
        private final TensorNames names;

        Plan(PreparedModel model, QuantizeOptions options) {
            this.model = model;
            this.options = options;
            this.nodes = new ArrayList<>(model.graph.getNodeList());
            GraphProto built = model.graph.build();
            this.types = ElementTypes.of(built);
            this.names = new TensorNames(built);
            this.perChannel = options.perChannel() && model.opset >= 13;
            if (options.perChannel() && !perChannel) {
                notes.add("Per-channel weights need opset 13 (DequantizeLinear's axis); " + model.mapped.name()
                        + " uses opset " + model.opset + ", so weights were quantized per tensor. Convert the opset "
                        + "first for per-channel scales.");
            }
            this.quantized = new boolean[nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                NodeProto n = nodes.get(i);
                for (String o : n.getOutputList()) {
                    producer.put(o, i);
                }
                for (String in : n.getInputList()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
                }
                PreparedModel.subgraphReads(n, subgraphReads);
            }
            markCompared();
            for (int i = 0; i < nodes.size(); i++) {
                decide(i, nodes.get(i));
            }
            fold();
            collectTensors();
        }

        private boolean excluded(NodeProto n) {
            return options.exclude().contains(n.getOpType()) || !n.getName().isEmpty()
                    && options.exclude().contains(n.getName())
                    || n.getOutputCount() > 0 && options.exclude().contains(n.getOutput(0));
        }

        private void decide(int i, NodeProto n) {
            String op = n.getOpType();
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                keptReason.put(i, "operator of the " + n.getDomain() + " domain");
                return;
            }
            if (excluded(n)) {
                keptReason.put(i, "excluded (--exclude)");
                excluded.add(PreparedModel.label(n));
                return;
            }
            if (n.getOutputCount() > 0 && types.get(n.getOutput(0)) != ElementTypes.FLOAT
                    && types.get(n.getOutput(0)) != ElementTypes.UNKNOWN || op.equals("Shape") || op.equals("Size")) {
                keptReason.put(i, "computes shapes or indices, not float values");
                return;
            }
            if (!QdqRegistry.quantizable(op)) {
                keptReason.put(i, QdqRegistry.reason(op));
                return;
            }
            String why = conditions(n, op);
            if (why != null) {
                keptReason.put(i, why);
                return;
            }
            quantized[i] = true;
            Float factor = op.equals("Mul") ? scalarFactor(n) : null;
            if (factor != null) {
                rescales.put(i, factor);
            }
        }

        /**
         * The constant c of Mul(x, c) when c is one positive finite float and x an activation: then x·c has the
         * same quantized values as x with scale·c, so the Mul becomes a DequantizeLinear with a scaled scale
         * (ONNX Runtime fuses it into the readers' int8 kernels) instead of a QLinearMul pass over the tensor.
         * PaddlePaddle's hardswish ends in Div by 6, which is such a Mul once the Div is turned around.
         */
        private Float scalarFactor(NodeProto n) {
            if (n.getInputCount() != 2) {
                return null;
            }
            for (int k = 0; k < 2; k++) {
                String c = n.getInput(k);
                String x = n.getInput(1 - k);
                if (!model.isFloatInitializer(c) || !isActivation(x) || subgraphReads.contains(n.getOutput(0))) {
                    continue;
                }
                TensorProto t = model.initializers.get(c);
                long elements = 1;
                for (long d : t.getDimsList()) {
                    elements *= d;
                }
                if (elements != 1 || t.getDimsCount() > 1) {
                    continue; // a [1,1,1] constant could broadcast x to a higher rank
                }
                try {
                    float v = model.weights.floats(t)[0];
                    if (v > 0 && Float.isFinite(v)) {
                        return v;
                    }
                } catch (WorkbenchException e) {
                    return null;
                }
            }
            return null;
        }

        private String rescaledInput(NodeProto n) {
            return model.isInitializer(n.getInput(0)) ? n.getInput(1) : n.getInput(0);
        }

        /** Null when the node can be quantized; otherwise why not. */
        private String conditions(NodeProto n, String op) {
            String comparison = comparedBy(n);
            if (comparison != null) {
                return "it writes or reads values that are compared (" + comparison + "): 256 levels would turn "
                        + "near-equal values into ties (a peak test Equal(MaxPool(x), x) would find plateaus)";
            }
            if (n.getInputCount() == 0 || !isActivation(n.getInput(0)) && !QdqRegistry.BINARY.contains(op)
                    && !op.equals("Concat")) {
                return "its input is not a float tensor";
            }
            if (QdqRegistry.WITH_WEIGHT.contains(op)) {
                if (n.getInputCount() < 2 || !model.isFloatInitializer(n.getInput(1))) {
                    return "its weight is computed, not a float constant";
                }
                if (op.equals("Gemm") && ElementTypes.attribute(n, "transA", 0) != 0) {
                    return "Gemm with transA is not fused by ONNX Runtime";
                }
                return null;
            }
            if (QdqRegistry.BINARY.contains(op) || op.equals("Concat")) {
                int constants = 0;
                for (String in : n.getInputList()) {
                    if (model.isFloatInitializer(in)) {
                        constants++;
                    } else if (!isActivation(in)) {
                        return "an input is not a float tensor";
                    }
                }
                if (constants == n.getInputCount()) {
                    return "all its inputs are constants (constant folding removes it)";
                }
                return null;
            }
            if (op.equals("MaxPool") && n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
                return "MaxPool with an indices output has no int8 kernel";
            }
            return null;
        }

        /**
         * Rounding a tensor to 256 levels makes neighbouring values equal, so a comparison on it (a heatmap's
         * local-maximum test Equal(MaxPool(x), x), a threshold, ArgMax) changes its answer far more than the
         * values' error suggests. Walks back from every comparison's inputs through operators that move, select
         * or monotonically map values (Reshape, MaxPool, Slice, Sigmoid...) up to the node that computed them
         * (the head's Conv): those tensors stay float, and so does every node that writes or reads one.
         */
        private void markCompared() {
            for (NodeProto c : nodes) {
                if (!QdqRegistry.COMPARISONS.contains(c.getOpType())) {
                    continue;
                }
                for (String in : c.getInputList()) {
                    String t = in;
                    while (t != null && !model.isInitializer(t)) {
                        compared.putIfAbsent(t, c.getOpType());
                        Integer p = producer.get(t);
                        NodeProto n = p == null ? null : nodes.get(p);
                        t = n != null && QdqRegistry.KEEPS_ORDER.contains(n.getOpType()) && n.getInputCount() > 0
                                ? n.getInput(0) : null;
                    }
                }
            }
        }

        /** The comparison a tensor of the node reaches, or null. */
        private String comparedBy(NodeProto n) {
            for (String t : n.getOutputList()) {
                if (compared.containsKey(t)) {
                    return compared.get(t);
                }
            }
            for (String t : n.getInputList()) {
                if (compared.containsKey(t)) {
                    return compared.get(t);
                }
            }
            return null;
        }

        private boolean isActivation(String name) {
            return types.isFloat(name) && !model.isInitializer(name);
        }

        /** Relu/Clip read only by... folded into their producer's output quantization. */
        private void fold() {
            for (int i = 0; i < nodes.size(); i++) {
                NodeProto n = nodes.get(i);
                if (!quantized[i] || !QdqRegistry.FOLDABLE.contains(n.getOpType())) {
                    continue;
                }
                String x = n.getInput(0);
                Integer p = producer.get(x);
                if (p == null || !quantized[p] || rescales.containsKey(p)
                        || !QdqRegistry.quantizesOutput(nodes.get(p).getOpType())
                        || QdqRegistry.FOLDABLE.contains(nodes.get(p).getOpType()) || folds.containsKey(p)
                        || consumers.getOrDefault(x, List.of()).size() != 1 || subgraphReads.contains(x)
                        || isGraphOutput(x) || !clipContainsZero(n)) {
                    continue;
                }
                folds.put(p, n.getOutput(0));
                foldedAway.add(i);
                quantizedByType.merge(n.getOpType() + " (folded)", 1, Integer::sum);
            }
        }

        private boolean clipContainsZero(NodeProto n) {
            if (n.getOpType().equals("Relu")) {
                return true;
            }
            double lo = Double.NEGATIVE_INFINITY;
            double hi = Double.POSITIVE_INFINITY;
            if (model.opset < 11) {
                var min = ElementTypes.find(n, "min");
                var max = ElementTypes.find(n, "max");
                lo = min == null ? lo : min.getF();
                hi = max == null ? hi : max.getF();
            } else {
                try {
                    if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
                        if (!model.isFloatInitializer(n.getInput(1))) {
                            return false;
                        }
                        lo = model.weights.floats(model.initializers.get(n.getInput(1)))[0];
                    }
                    if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                        if (!model.isFloatInitializer(n.getInput(2))) {
                            return false;
                        }
                        hi = model.weights.floats(model.initializers.get(n.getInput(2)))[0];
                    }
                } catch (WorkbenchException e) {
                    return false;
                }
            }
            return lo <= 0 && hi >= 0;
        }

        private boolean isGraphOutput(String name) {
            for (ValueInfoProto o : model.graph.getOutputList()) {
                if (o.getName().equals(name)) {
                    return true;
                }
            }
            return false;
        }

        private String outputOf(int i) {
            return folds.getOrDefault(i, nodes.get(i).getOutput(0));
        }

        private void collectTensors() {
            for (int i = 0; i < nodes.size(); i++) {
                if (!quantized[i] || foldedAway.contains(i)) {
                    continue;
                }
                NodeProto n = nodes.get(i);
                String op = n.getOpType();
                if (rescales.containsKey(i)) {
                    String x = rescaledInput(n);
                    if (!sameAs.containsKey(x)) {
                        calibrated.add(x);
                    }
                    sameAs.put(n.getOutput(0), x);
                    factors.put(n.getOutput(0), rescales.get(i));
                    quantizedSource.put(n.getOutput(0), quantizedSource.getOrDefault(x, x));
                    quantizedByType.merge("Mul (by a constant, folded into the scale)", 1, Integer::sum);
                    quantizedNames.add(PreparedModel.label(n));
                    continue;
                }
                List<String> activations = new ArrayList<>();
                if (QdqRegistry.WITH_WEIGHT.contains(op)) {
                    activations.add(n.getInput(0));
                } else if (QdqRegistry.BINARY.contains(op) || op.equals("Concat")) {
                    for (String in : n.getInputList()) {
                        if (!model.isInitializer(in)) {
                            activations.add(in);
                        }
                    }
                } else {
                    activations.add(n.getInput(0));
                }
                for (String a : activations) {
                    if (!sameAs.containsKey(a)) {
                        calibrated.add(a);
                    }
                }
                String out = outputOf(i);
                if (QdqRegistry.SAME_AS_INPUT.contains(op)) {
                    calibrated.remove(out);
                    sameAs.put(out, n.getInput(0));
                } else {
                    calibrated.add(out);
                }
                quantizedByType.merge(op, 1, Integer::sum);
                quantizedNames.add(PreparedModel.label(n));
            }
            for (int i : foldedAway) {
                quantizedNames.add(PreparedModel.label(nodes.get(i)));
            }
        }

        /**
         * The output of a Sigmoid or Tanh takes the function's whole range, whatever the calibration saw: entropy and
         * percentile cut a detector's probability map (mostly background near 0) to 0…0.07, and with a 0.3
         * threshold the INT8 model found no text at all (onnxruntime's quantizer does the same, silently).
         */
        double[] functionRange(String tensor, double[] range) {
            Integer p = producer.get(tensor);
            NodeProto n = p == null ? null : nodes.get(p);
            if (n == null || !n.getDomain().isEmpty()) {
                return range;
            }
            return switch (n.getOpType()) {
                case "Sigmoid" -> new double[] {0, 1};
                case "Tanh" -> new double[] {-1, 1};
                default -> range;
            };
        }

        /**
         * A tensor read only by Sigmoid or Tanh needs no range beyond where the function saturates: past ±8 a sigmoid
         * is within 4·10⁻⁴ of 0 or 1 (a tanh within 2·10⁻⁴ past ±4.5), less than one uint8 step of its output. A
         * detector's logits span hundreds (PaddleOCR's DB head: −200…106), and 256 levels over that range left
         * 1.2 logits per step, so the probabilities around the 0.3 threshold jumped between 0.23 and 0.49 and split
         * or merged words; clamped, a step is 0.06.
         */
        double[] saturationClamped(String tensor, double[] range) {
            List<Integer> readers = consumers.getOrDefault(tensor, List.of());
            if (readers.isEmpty() || isGraphOutput(tensor) || subgraphReads.contains(tensor)) {
                return range;
            }
            double limit = Double.POSITIVE_INFINITY;
            for (int i : readers) {
                NodeProto n = nodes.get(i);
                double l = !n.getDomain().isEmpty() ? Double.NaN : switch (n.getOpType()) {
                    case "Sigmoid" -> 8;
                    case "Tanh" -> 4.5;
                    default -> Double.NaN;
                };
                if (Double.isNaN(l)) {
                    return range;
                }
                limit = Math.min(limit, l);
            }
            return new double[] {Math.max(range[0], -limit), Math.min(range[1], limit)};
        }

        /** Outputs of data-movement operators take their input's parameters (in node order, so chains work). */
        void inheritParams() {
            for (Map.Entry<String, String> e : sameAs.entrySet()) {
                QParams p = params.get(e.getValue());
                Float factor = factors.get(e.getKey());
                if (p != null && factor != null) {
                    p = new QParams(p.scale() * factor, p.zeroPoint(), p.type());
                }
                if (p != null) {
                    params.put(e.getKey(), p);
                }
            }
        }

        /**
         * Conv/ConvTranspose/Gemm kept in float whose input is read through a per-tensor DequantizeLinear and whose
         * output (alone, or through Relu/Clip) goes into a QuantizeLinear: ONNX Runtime's WeightBiasQuantization
         * (a basic-level rewrite since 1.20) quantizes such a node's float weight per tensor and then fuses it
         * into QLinearConv, so "kept in float" would not be what runs (measured: excluded depthwise Convs of
         * PaddleOCR's classifier all became QLinearConv with a {@code NODE_weight_q} of ONNX Runtime's).
         */
        List<String> requantizedAtLoad() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                NodeProto n = nodes.get(i);
                if (quantized[i] || foldedAway.contains(i) || !QdqRegistry.WITH_WEIGHT.contains(n.getOpType())
                        || n.getInputCount() < 2 || n.getOutputCount() != 1
                        || !params.containsKey(n.getInput(0)) || model.isInitializer(n.getInput(0))
                        || !model.isFloatInitializer(n.getInput(1))
                        || n.getInputCount() > 2 && !n.getInput(2).isEmpty() && !model.isInitializer(n.getInput(2))) {
                    continue;
                }
                if (leadsToQuantize(n.getOutput(0))) {
                    out.add(PreparedModel.label(n));
                }
            }
            return out;
        }

        /** Whether a tensor is quantized, directly or after a chain of single Relu/Clip readers. */
        private boolean leadsToQuantize(String t) {
            while (true) {
                if (params.containsKey(t)) {
                    return true;
                }
                List<Integer> readers = consumers.getOrDefault(t, List.of());
                if (readers.size() != 1 || isGraphOutput(t)) {
                    return false;
                }
                NodeProto r = nodes.get(readers.getFirst());
                if (!r.getOpType().equals("Relu") && !r.getOpType().equals("Clip") || r.getOutputCount() != 1) {
                    return false;
                }
                t = r.getOutput(0);
            }
        }

        List<QuantizationReport.Kept> kept() {
            Map<String, Map<String, Integer>> byType = new TreeMap<>();
            for (Map.Entry<Integer, String> e : keptReason.entrySet()) {
                String op = nodes.get(e.getKey()).getOpType();
                if (op.equals("Constant")) {
                    continue;
                }
                byType.computeIfAbsent(op, k -> new TreeMap<>()).merge(e.getValue(), 1, Integer::sum);
            }
            List<QuantizationReport.Kept> kept = new ArrayList<>();
            byType.forEach((op, reasons) -> reasons.forEach((why, count) ->
                    kept.add(new QuantizationReport.Kept(op, count, why))));
            return kept;
        }

        // ---- the rewrite -------------------------------------------------------------------------------------

        private final List<NodeProto> front = new ArrayList<>();
        private final List<TensorProto> newInitializers = new ArrayList<>();
        private final Map<String, String> weightDq = new HashMap<>();
        private final Set<String> replacedInitializers = new HashSet<>();
        private final Set<String> floatUses = new HashSet<>();

        void rewrite() throws WorkbenchException {
            WeightQuantizer wq = new WeightQuantizer(model.weights);
            GraphProto.Builder g = model.graph;
            List<NodeProto> body = new ArrayList<>();
            Set<String> graphInputs = new HashSet<>();
            g.getInputList().forEach(v -> graphInputs.add(v.getName()));
            for (String in : graphInputs) {
                if (params.containsKey(in) && !model.isInitializer(in)) {
                    addQdq(in, in, body);
                }
            }
            front.addAll(body);
            body.clear();
            for (int i = 0; i < nodes.size(); i++) {
                if (foldedAway.contains(i)) {
                    continue;
                }
                NodeProto n = nodes.get(i);
                if (rescales.containsKey(i)) {
                    body.add(rescale(n.getOutput(0)));
                    continue;
                }
                NodeProto.Builder b = n.toBuilder();
                for (int k = 0; k < b.getInputCount(); k++) {
                    String in = b.getInput(k);
                    String replaced = quantized[i] ? constantInput(wq, n, k) : null;
                    if (replaced != null) {
                        b.setInput(k, replaced);
                    } else if (params.containsKey(in) && !model.isInitializer(in)) {
                        b.setInput(k, dequantized(in));
                    } else if (model.isInitializer(in)) {
                        floatUses.add(in);
                    }
                }
                List<String> quantizedOutputs = new ArrayList<>();
                for (int k = 0; k < b.getOutputCount(); k++) {
                    String o = b.getOutput(k);
                    if (params.containsKey(o)) {
                        quantizedOutputs.add(o);
                        if (dequantized(o).equals(o)) {
                            b.setOutput(k, floatOutput(o)); // the name becomes the DequantizeLinear's
                        }
                    }
                }
                body.add(b.build());
                for (String o : quantizedOutputs) {
                    addQdq(o, floatOutput(o), body);
                }
                if (folds.containsKey(i)) {
                    // the folded Relu/Clip is the pair itself: Q reads the producer's own output, DQ writes the
                    // Relu's, so both names stay comparable with the FP32 model
                    addQdq(folds.get(i), n.getOutput(0), body);
                }
            }
            floatUses.addAll(subgraphReads);
            List<TensorProto> initializers = new ArrayList<>();
            for (TensorProto t : g.getInitializerList()) {
                if (!replacedInitializers.contains(t.getName()) || floatUses.contains(t.getName())) {
                    initializers.add(t);
                }
            }
            initializers.addAll(newInitializers);
            List<ValueInfoProto> inputs = new ArrayList<>();
            for (ValueInfoProto v : g.getInputList()) {
                if (!replacedInitializers.contains(v.getName()) || floatUses.contains(v.getName())) {
                    inputs.add(v);
                }
            }
            List<NodeProto> all = new ArrayList<>(front);
            all.addAll(body);
            g.clearNode().addAllNode(all).clearInitializer().addAllInitializer(initializers).clearInput()
                    .addAllInput(inputs);
        }

        /**
         * DequantizeLinear of the quantized values of a rescale's source with the rescaled scale: the Mul by a
         * constant itself disappears.
         */
        private NodeProto rescale(String out) {
            String source = quantizedSource.get(out);
            QParams p = params.get(out);
            return PreparedModel.node("DequantizeLinear", "", List.of(names.of(source, "_q"), scale(out, p.scale()),
                    zeroPoint(p.type(), p.zeroPoint())), List.of(dequantized(out))).build();
        }

        /** The DequantizeLinear output replacing a constant input (weight, bias, constant operand), or null. */
        private String constantInput(WeightQuantizer wq, NodeProto n, int k) throws WorkbenchException {
            String in = n.getInput(k);
            if (in.isEmpty() || !model.isFloatInitializer(in)) {
                return null;
            }
            String op = n.getOpType();
            TensorProto t = model.initializers.get(in);
            if (QdqRegistry.WITH_WEIGHT.contains(op) && k == 1 || op.equals("MatMul") && k == 1) {
                return weight(wq, in, t, weightAxis(n, t));
            }
            if (QdqRegistry.WITH_WEIGHT.contains(op) && k == 2) {
                return bias(wq, n, in, t);
            }
            if (QdqRegistry.BINARY.contains(op) || op.equals("Concat")) {
                String key = in + "#activation";
                String dq = weightDq.get(key);
                if (dq == null) {
                    WeightQuantizer.Quantized q = wq.asActivation(t, names.of(in, "_q"),
                            options.symmetricActivations());
                    dq = dequantize(in, in, q, q.zeroPoint(), q.type());
                    weightDq.put(key, dq);
                }
                return dq;
            }
            return null;
        }

        private int weightAxis(NodeProto n, TensorProto w) {
            if (!perChannel) {
                return -1;
            }
            return switch (n.getOpType()) {
                case "Conv" -> 0;
                case "ConvTranspose" -> ElementTypes.attribute(n, "group", 1) == 1 ? 1 : -1;
                case "Gemm" -> ElementTypes.attribute(n, "transB", 0) != 0 ? 0 : 1;
                case "MatMul" -> w.getDimsCount() == 2 ? 1 : -1;
                default -> -1;
            };
        }

        private String weight(WeightQuantizer wq, String name, TensorProto t, int axis) throws WorkbenchException {
            String key = name + "#" + axis;
            String dq = weightDq.get(key);
            if (dq != null) {
                return dq;
            }
            // one weight read with two axes (rare) needs two quantized copies; the first keeps the plain name
            String base = weightDq.keySet().stream().anyMatch(k -> k.startsWith(name + "#")) ? name + "_axis" + axis
                    : name;
            WeightQuantizer.Quantized q = wq.int8(t, names.of(base, "_q"), axis);
            weightScales.put(name, q.scales());
            dq = dequantize(name, base, q, -1, ElementTypes.INT8); // symmetric: DequantizeLinear's default zero point 0
            weightDq.put(key, dq);
            weightCount++;
            if (model.fromConstants.contains(name)) {
                constantWeights++;
            }
            return dq;
        }

        private final Map<String, float[]> weightScales = new HashMap<>();
        private final Set<String> biasUsers = new HashSet<>();

        private String bias(WeightQuantizer wq, NodeProto n, String name, TensorProto b) throws WorkbenchException {
            QParams x = params.get(n.getInput(0));
            float[] w = weightScales.get(n.getInput(1));
            if (x == null || w == null || b.getDimsCount() != 1
                    || n.getOpType().equals("Gemm") && (floatAttr(n, "alpha") != 1f || floatAttr(n, "beta") != 1f)) {
                floatUses.add(name);
                return null; // stays float: the node still runs, unfused
            }
            // a bias shared by nodes with different input scales needs one int32 copy per node
            String label = biasUsers.add(name) ? name : name + "_" + PreparedModel.label(n).replaceAll("[^A-Za-z0-9_.]", "_");
            WeightQuantizer.Quantized q = wq.int32Bias(b, names.of(label, "_q"), x.scale(), w);
            return dequantize(name, label, q, -1, ElementTypes.INT32);
        }

        private static float floatAttr(NodeProto n, String name) {
            var a = ElementTypes.find(n, name);
            return a == null ? 1f : a.getF();
        }

        /**
         * DequantizeLinear of a quantized constant, put before all nodes. Zero point -1: none, the operator's
         * default 0 of the input's type (int32 bias, symmetric int8 weight: ONNX Runtime fuses both alike).
         */
        private String dequantize(String original, String base, WeightQuantizer.Quantized q, int zeroPoint,
                                  int type) {
            replacedInitializers.add(original);
            newInitializers.add(q.values());
            float[] scales = q.scales();
            long[] dims = q.axis() >= 0 ? new long[] {scales.length} : new long[0];
            String scale;
            if (q.axis() >= 0) {
                scale = names.of(base, "_scale");
                newInitializers.add(model.weights.floats(scale, dims, scales));
            } else {
                scale = scale(base, scales[0]);
            }
            List<String> inputs = new ArrayList<>(List.of(q.values().getName(), scale));
            if (zeroPoint >= 0) {
                inputs.add(zeroPoint(type, zeroPoint));
            }
            String out = names.of(base, "_dq");
            NodeProto.Builder dq = PreparedModel.node("DequantizeLinear", "", inputs, List.of(out));
            if (q.axis() >= 0) {
                dq.addAttribute(PreparedModel.intAttribute("axis", q.axis()));
            }
            front.add(dq.build());
            return out;
        }

        /**
         * One scalar zero-point initializer per type and value ({@code zp_u8_128}), shared by every
         * QuantizeLinear/DequantizeLinear that uses it: a per-tensor {@code t_zp} cost the PaddleOCR classifier 143
         * initializers for 44 distinct values, and their names were read three times each. ONNX Runtime compares
         * the values, not the names, when it fuses or drops pairs, so what it builds is unchanged.
         */
        private String zeroPoint(int type, int value) {
            String key = "zp_" + (type == ElementTypes.INT8 ? "i8" : "u8") + "_" + value;
            return sharedZeroPoints.computeIfAbsent(key, k -> {
                String name = names.of(k, "");
                newInitializers.add(model.weights.bytes(name, type, new long[0], (byte) value));
                return name;
            });
        }

        /**
         * A scalar scale initializer, shared by every tensor with exactly the same scale (a Reshape's output and
         * its input, Clip 0–1 outputs, a HardSigmoid's 1/255): named after the first tensor that needs it.
         */
        private String scale(String tensor, float value) {
            return sharedScales.computeIfAbsent(Float.floatToRawIntBits(value), k -> {
                String name = names.of(tensor, "_scale");
                newInitializers.add(model.weights.floats(name, new long[0], value));
                return name;
            });
        }

        private final Map<String, String> sharedZeroPoints = new HashMap<>();
        private final Map<Integer, String> sharedScales = new HashMap<>();

        /**
         * The name readers use for a quantized tensor: its DequantizeLinear's output, which keeps the original name
         * (the producer writes {@code t_float}), so a graph output is still there and the per-layer error compares
         * what the next layer really reads, after rounding and any folded Relu/Clip, with the FP32 tensor. A graph
         * input keeps its name and is read through {@code t_dq}.
         */
        private String dequantized(String t) {
            return !isGraphInput(t) ? t : names.of(t, "_dq");
        }

        private boolean isGraphInput(String name) {
            return model.graph.getInputList().stream().anyMatch(v -> v.getName().equals(name));
        }

        /** What a graph output's producer writes instead, so that the output is its DequantizeLinear's. */
        private String floatOutput(String t) {
            return names.of(t, "_float");
        }

        /** QuantizeLinear → DequantizeLinear after an activation. */
        private void addQdq(String t, String input, List<NodeProto> into) {
            QParams p = params.get(t);
            String scale = scale(t, p.scale());
            String zp = zeroPoint(p.type(), p.zeroPoint());
            String quantized = names.of(t, "_q");
            into.add(PreparedModel.node("QuantizeLinear", "", List.of(input, scale, zp), List.of(quantized)).build());
            if (readInFloat(t)) {
                into.add(PreparedModel.node("DequantizeLinear", "", List.of(quantized, scale, zp),
                        List.of(dequantized(t))).build());
            }
        }

        /**
         * Whether anything reads the tensor through its DequantizeLinear: not when its only readers are Muls by a
         * constant (they read the quantized values with their own scale). ONNX Runtime keeps an unread
         * DequantizeLinear and runs it, with layout Transposes around it: 18 of them cost the PaddleOCR classifier
         * 20 % of its INT8 time.
         */
        private boolean readInFloat(String t) {
            if (isGraphOutput(t) || subgraphReads.contains(t)) {
                return true;
            }
            for (int reader : consumers.getOrDefault(t, List.of())) {
                if (!rescales.containsKey(reader)) {
                    return true;
                }
            }
            return false;
        }
    }
}
