package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts a model's float32 tensors to float16, as onnxconverter-common's {@code float16.py} does, on the memory
 * mapping: float initializers and Constant/ConstantOfShape values in every graph (If/Loop/Scan bodies included)
 * are rewritten (values beyond ±65504 clamped and counted); Casts to float32 go in front of blocked operators and
 * Casts back after them; Cast nodes to float32 cast to float16 instead; with {@code keepIoTypes} the model's float
 * inputs and outputs stay float32 with Casts at the edges. Each Cast is inserted next to its node, so the node
 * order stays topological. The written model is loaded in ONNX Runtime and run before the report is returned.
 */
public final class Fp16Converter {
    static final float FP16_MAX = 65504f;
    static final float MIN_POSITIVE = 1e-7f;

    private final ModelVerifier verifier;

    public Fp16Converter(ModelVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Converts {@code source} into {@code out} (never the source itself) and checks the result on {@code sample}
     * (inputs of the original model; float inputs are given to the converted model as float16 where it takes them).
     */
    public Fp16Report convert(Path source, Path out, Fp16Options options, Map<String, HostTensor> sample)
            throws WorkbenchException {
        OutputFile.checkTarget(source, out);
        MappedModelProto mapped = MappedModelProto.read(source);
        Weights weights = new Weights(mapped);
        ModelProto proto = mapped.proto();
        ElementTypes types = ElementTypes.of(proto.getGraph());
        Run run = new Run(weights, types, options);
        run.findOverflowing(proto.getGraph());
        run.findClipOnly(proto.getGraph());
        GraphProto.Builder g = proto.getGraph().toBuilder();
        run.graph(g, true);
        if (run.initializers + run.constants == 0 && run.castsToFloat == 0 && run.ioChanged == 0) {
            throw new WorkbenchException(mapped.name() + " has no float32 weights or values to convert to float16.");
        }
        ModelProto converted = proto.toBuilder().setGraph(g).build();
        OutputFile.write(mapped, converted, weights.added(), out);
        ModelCheck check = verifier.check(out, sample);
        return new Fp16Report(source, out, options, run.initializers, run.constants, run.clamped, run.flushed,
                run.blocked, run.rangeBlocked, run.casts, OutputFile.size(source), OutputFile.size(out), check);
    }

    /** Float32 values as float16 bytes; counts what had to be clamped. */
    static final class Halves {
        long clamped;
        long flushed;

        ByteBuffer convert(float[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) {
                float v = values[i];
                if (v > FP16_MAX) {
                    v = FP16_MAX;
                    clamped++;
                } else if (v < -FP16_MAX) {
                    v = -FP16_MAX;
                    clamped++;
                } else if (v != 0 && Math.abs(v) < MIN_POSITIVE) {
                    v = Math.copySign(MIN_POSITIVE, v);
                    flushed++;
                }
                b.putShort(i * 2, Float.floatToFloat16(v));
            }
            return b;
        }
    }

    /** One conversion's state. */
    private static final class Run {
        private final Weights weights;
        private final ElementTypes types;
        private final Fp16Options options;
        private final Halves halves = new Halves();
        int initializers;
        int constants;
        int casts;
        int castsToFloat;
        int ioChanged;
        long clamped;
        long flushed;
        final Map<String, Integer> blocked = new TreeMap<>();
        /** Nodes kept in float32 because a constant they read exceeds float16's range (names). */
        final List<String> rangeBlocked = new ArrayList<>();
        private final java.util.Set<String> overflowing = new java.util.HashSet<>();

        /**
         * Constants with values beyond ±65504 (a BatchNormalization variance of 1e8, say): clamping them would
         * change the result, so they stay float32 and the nodes reading them are blocked. Clip's bounds are the
         * exception: float16 data never exceeds ±65504, so clamping a bound changes nothing.
         */
        void findOverflowing(GraphProto g) throws WorkbenchException {
            for (TensorProto t : g.getInitializerList()) {
                if (t.getDataType() == ElementTypes.FLOAT && overflows(weights.floats(t))) {
                    overflowing.add(t.getName());
                }
            }
            for (NodeProto n : g.getNodeList()) {
                AttributeProto value = ElementTypes.find(n, "value");
                if (n.getOpType().equals("Constant") && value != null
                        && value.getT().getDataType() == ElementTypes.FLOAT && overflows(weights.floats(value.getT()))) {
                    overflowing.add(n.getOutput(0));
                }
                for (AttributeProto a : n.getAttributeList()) {
                    if (a.hasG()) {
                        findOverflowing(a.getG());
                    }
                    for (GraphProto sub : a.getGraphsList()) {
                        findOverflowing(sub);
                    }
                }
            }
        }

        private static boolean overflows(float[] values) {
            for (float v : values) {
                if (Float.isFinite(v) && Math.abs(v) > FP16_MAX) {
                    return true;
                }
            }
            return false;
        }

        private boolean readsOverflowing(NodeProto n) {
            for (int k = 0; k < n.getInputCount(); k++) {
                if (overflowing.contains(n.getInput(k)) && !(n.getOpType().equals("Clip") && k > 0)) {
                    return true;
                }
            }
            return false;
        }

        private boolean keptFloat(String name) {
            return overflowing.contains(name) && !clipOnly.contains(name);
        }

        private final java.util.Set<String> clipOnly = new java.util.HashSet<>();
        private final java.util.Set<String> otherUses = new java.util.HashSet<>();

        /** Overflowing constants read only as Clip bounds: those are converted (clamped) after all. */
        void findClipOnly(GraphProto g) {
            markUses(g);
            for (String name : overflowing) {
                if (!otherUses.contains(name)) {
                    clipOnly.add(name);
                }
            }
        }

        private void markUses(GraphProto g) {
            for (NodeProto n : g.getNodeList()) {
                for (int k = 0; k < n.getInputCount(); k++) {
                    if (overflowing.contains(n.getInput(k)) && !(n.getOpType().equals("Clip") && k > 0)) {
                        otherUses.add(n.getInput(k));
                    }
                }
                for (AttributeProto a : n.getAttributeList()) {
                    if (a.hasG()) {
                        markUses(a.getG());
                    }
                    for (GraphProto sub : a.getGraphsList()) {
                        markUses(sub);
                    }
                }
            }
            for (var o : g.getOutputList()) {
                if (overflowing.contains(o.getName())) {
                    otherUses.add(o.getName());
                }
            }
        }

        Run(Weights weights, ElementTypes types, Fp16Options options) {
            this.weights = weights;
            this.types = types;
            this.options = options;
        }

        void graph(GraphProto.Builder g, boolean top) throws WorkbenchException {
            for (int i = 0; i < g.getInitializerCount(); i++) {
                TensorProto t = g.getInitializer(i);
                if (t.getDataType() == ElementTypes.FLOAT && !keptFloat(t.getName())) {
                    g.setInitializer(i, half(t));
                    initializers++;
                }
            }
            for (int i = 0; i < g.getValueInfoCount(); i++) {
                g.setValueInfo(i, halfType(g.getValueInfo(i)));
            }
            boolean keepIo = top && options.keepIoTypes();
            List<NodeProto> front = new ArrayList<>();
            Map<String, String> renamed = new HashMap<>();
            for (int i = 0; i < g.getInputCount(); i++) {
                ValueInfoProto in = g.getInput(i);
                if (!isFloat(in)) {
                    continue;
                }
                ioChanged++;
                if (keepIo) {
                    String half = in.getName() + "_fp16";
                    front.add(cast(in.getName(), half, ElementTypes.FLOAT16, in.getName() + "_to_fp16"));
                    renamed.put(in.getName(), half);
                } else {
                    g.setInput(i, halfType(in));
                }
            }
            List<NodeProto> back = new ArrayList<>();
            Map<String, String> outputsRenamed = new HashMap<>();
            for (int i = 0; i < g.getOutputCount(); i++) {
                ValueInfoProto o = g.getOutput(i);
                if (!isFloat(o)) {
                    continue;
                }
                ioChanged++;
                if (keepIo) {
                    String half = o.getName() + "_fp16";
                    back.add(cast(half, o.getName(), ElementTypes.FLOAT, o.getName() + "_to_fp32"));
                    outputsRenamed.put(o.getName(), half);
                } else {
                    g.setOutput(i, halfType(o));
                }
            }
            List<NodeProto> nodes = new ArrayList<>(front);
            Map<String, String> fp32Copies = new HashMap<>(); // float16 tensor → its float32 Cast, per graph
            for (NodeProto original : g.getNodeList()) {
                NodeProto.Builder n = original.toBuilder();
                for (int a = 0; a < n.getAttributeCount(); a++) {
                    AttributeProto attr = n.getAttribute(a);
                    if (attr.hasG() || attr.getGraphsCount() > 0) {
                        AttributeProto.Builder ab = attr.toBuilder();
                        if (attr.hasG()) {
                            GraphProto.Builder sub = attr.getG().toBuilder();
                            graph(sub, false);
                            ab.setG(sub);
                        }
                        for (int k = 0; k < attr.getGraphsCount(); k++) {
                            GraphProto.Builder sub = attr.getGraphs(k).toBuilder();
                            graph(sub, false);
                            ab.setGraphs(k, sub);
                        }
                        n.setAttribute(a, ab);
                    }
                }
                rename(n, renamed, outputsRenamed);
                boolean range = readsOverflowing(original);
                if (range || isBlocked(original)) {
                    if (range && !isBlocked(original)) {
                        rangeBlocked.add(original.getName().isEmpty() ? original.getOutput(0) : original.getName());
                    }
                    blocked.merge(original.getOpType(), 1, Integer::sum);
                    for (int k = 0; k < n.getInputCount(); k++) {
                        String in = original.getInput(k);
                        if (!types.isFloat(in) || keptFloat(in)) {
                            continue;
                        }
                        String current = n.getInput(k);
                        String fp32 = fp32Copies.get(current);
                        if (fp32 == null) {
                            fp32 = current + "_fp32";
                            nodes.add(cast(current, fp32, ElementTypes.FLOAT, current + "_to_fp32"));
                            fp32Copies.put(current, fp32);
                        }
                        n.setInput(k, fp32);
                    }
                    List<NodeProto> after = new ArrayList<>();
                    for (int k = 0; k < n.getOutputCount(); k++) {
                        String out = n.getOutput(k);
                        if (!types.isFloat(original.getOutput(k))) {
                            continue;
                        }
                        n.setOutput(k, out + "_fp32");
                        after.add(cast(out + "_fp32", out, ElementTypes.FLOAT16, out + "_to_fp16"));
                    }
                    nodes.add(n.build());
                    nodes.addAll(after);
                    continue;
                }
                convertAttributes(n);
                nodes.add(n.build());
            }
            nodes.addAll(back);
            g.clearNode().addAllNode(nodes);
            clamped = halves.clamped;
            flushed = halves.flushed;
        }

        private boolean isBlocked(NodeProto n) {
            return options.blocked().contains(n.getOpType()) || !n.getName().isEmpty()
                    && options.blocked().contains(n.getName());
        }

        /** Constant values, ConstantOfShape values, Cast/dtype targets: float32 becomes float16. */
        private void convertAttributes(NodeProto.Builder n) throws WorkbenchException {
            String op = n.getOpType();
            for (int a = 0; a < n.getAttributeCount(); a++) {
                AttributeProto attr = n.getAttribute(a);
                switch (attr.getName()) {
                    case "value" -> {
                        if ((op.equals("Constant") || op.equals("ConstantOfShape"))
                                && attr.getT().getDataType() == ElementTypes.FLOAT
                                && !(op.equals("Constant") && keptFloat(n.getOutput(0)))) {
                            n.setAttribute(a, attr.toBuilder().setT(half(attr.getT())));
                            constants++;
                        }
                    }
                    case "value_float", "value_floats" -> {
                        if (op.equals("Constant")) {
                            float[] v = attr.getName().equals("value_float") ? new float[] {attr.getF()}
                                    : toArray(attr.getFloatsList());
                            long[] dims = attr.getName().equals("value_float") ? new long[0] : new long[] {v.length};
                            TensorProto t = weights.tensor("", ElementTypes.FLOAT16, dims, halves.convert(v));
                            n.setAttribute(a, AttributeProto.newBuilder().setName("value")
                                    .setType(AttributeProto.AttributeType.TENSOR).setT(t));
                            constants++;
                        }
                    }
                    case "to" -> {
                        if (op.equals("Cast") && attr.getI() == ElementTypes.FLOAT) {
                            n.setAttribute(a, attr.toBuilder().setI(ElementTypes.FLOAT16));
                            castsToFloat++;
                        }
                    }
                    case "dtype" -> {
                        if (attr.getI() == ElementTypes.FLOAT) {
                            n.setAttribute(a, attr.toBuilder().setI(ElementTypes.FLOAT16));
                        }
                    }
                    default -> { }
                }
            }
        }

        private static float[] toArray(List<Float> list) {
            float[] v = new float[list.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = list.get(i);
            }
            return v;
        }

        private TensorProto half(TensorProto t) throws WorkbenchException {
            return weights.replace(t, ElementTypes.FLOAT16, halves.convert(weights.floats(t)));
        }

        private NodeProto cast(String from, String to, int type, String name) {
            casts++;
            return NodeProto.newBuilder().setOpType("Cast").setName(name).addInput(from).addOutput(to)
                    .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                            .setI(type))
                    .build();
        }

        private static void rename(NodeProto.Builder n, Map<String, String> inputs, Map<String, String> outputs) {
            for (int k = 0; k < n.getInputCount(); k++) {
                String in = n.getInput(k);
                String to = inputs.getOrDefault(in, outputs.get(in));
                if (to != null) {
                    n.setInput(k, to);
                }
            }
            for (int k = 0; k < n.getOutputCount(); k++) {
                String to = outputs.get(n.getOutput(k));
                if (to != null) {
                    n.setOutput(k, to);
                }
            }
            if (inputs.isEmpty() && outputs.isEmpty()) {
                return;
            }
            for (int a = 0; a < n.getAttributeCount(); a++) {
                AttributeProto attr = n.getAttribute(a);
                if (attr.hasG() || attr.getGraphsCount() > 0) {
                    AttributeProto.Builder ab = attr.toBuilder();
                    if (attr.hasG()) {
                        ab.setG(renameOuter(attr.getG(), inputs, outputs));
                    }
                    for (int k = 0; k < attr.getGraphsCount(); k++) {
                        ab.setGraphs(k, renameOuter(attr.getGraphs(k), inputs, outputs));
                    }
                    n.setAttribute(a, ab);
                }
            }
        }

        /** Outer-scope reads inside a body follow a renamed top-level tensor. */
        private static GraphProto renameOuter(GraphProto g, Map<String, String> inputs, Map<String, String> outputs) {
            GraphProto.Builder b = g.toBuilder();
            Map<String, String> reads = new HashMap<>(inputs);
            outputs.forEach(reads::putIfAbsent);
            for (int i = 0; i < b.getNodeCount(); i++) {
                NodeProto.Builder n = b.getNode(i).toBuilder();
                rename(n, reads, Map.of());
                b.setNode(i, n);
            }
            for (int i = 0; i < b.getOutputCount(); i++) {
                String to = reads.get(b.getOutput(i).getName());
                if (to != null) {
                    b.setOutput(i, b.getOutput(i).toBuilder().setName(to));
                }
            }
            return b.build();
        }

        private static boolean isFloat(ValueInfoProto v) {
            return v.getType().hasTensorType() && v.getType().getTensorType().getElemType() == ElementTypes.FLOAT;
        }

        private static ValueInfoProto halfType(ValueInfoProto v) {
            if (!isFloat(v)) {
                return v;
            }
            TypeProto.Builder t = v.getType().toBuilder();
            t.getTensorTypeBuilder().setElemType(ElementTypes.FLOAT16);
            return v.toBuilder().setType(t).build();
        }
    }
}
