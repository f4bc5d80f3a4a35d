package dev.onnxworkbench.models.opset;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The converters, keyed by operator and the opset that introduced the version they convert to. Learnt
 * from onnx's {@code version_converter} (convert.h and adapters/*): the same steps are "compatible" (the
 * node is unchanged, only the version number moves), and the same schema changes are rewritten, with two
 * corrections: Resize 10→11 keeps opset 10's asymmetric coordinates (onnx's adapter silently switches to
 * half_pixel), and Hardmax 12→13 changes its axis meaning like Softmax (onnx calls it compatible).
 */
final class Adapters {
    /** A converter and what it does, for the report. */
    record Entry(String change, Adapter adapter) {
    }

    private static final Map<String, Entry> ENTRIES = new HashMap<>();

    /** Steps where nothing but the version number changes (onnx's CompatibleAdapter / removeConsumedInputs). */
    private static final List<String> COMPATIBLE = List.of(
            "Abs 6 13",
            "Acos 22",
            "Acosh 22",
            "Add 6 13 14",
            "ArgMax 11 12 13",
            "ArgMin 11 12 13",
            "Asin 22",
            "Asinh 22",
            "Atan 22",
            "Atanh 22",
            "Attention 24 25",
            "AveragePool 7 10 11 19 22",
            "BatchNormalization 6 12 15",
            "Bernoulli 22",
            "Cast 9 13 19 21 23 24 25",
            "CastLike 19 21 23 24 25",
            "Ceil 6 13",
            "Celu 28",
            "Clip 6 12 13",
            "Compress 11",
            "Concat 11 13",
            "Constant 9 11 12 13 19 21 23 24 25",
            "ConstantOfShape 20 21 23 24 25",
            "Conv 11 22",
            "ConvTranspose 11 22",
            "Cos 22",
            "Cosh 22",
            "CumSum 14",
            "DeformConv 22",
            "DepthToSpace 11 13",
            "DequantizeLinear 13 19 21 23 24 25",
            "Det 22",
            "Div 6 13 14",
            "Dropout 6 10 13 22",
            "Elu 6 22",
            "Equal 11 13 19",
            "Erf 13",
            "Exp 6 13",
            "Expand 13",
            "EyeLike 22",
            "Flatten 9 11 13 21 23 24 25",
            "Floor 6 13",
            "GRU 22",
            "Gather 11 13",
            "GatherElements 13",
            "GatherND 12 13",
            "Gemm 6 9 11 13",
            "GlobalAveragePool 22",
            "GlobalLpPool 22",
            "GlobalMaxPool 22",
            "Greater 9 13",
            "GreaterOrEqual 16",
            "GridSample 22",
            "HardSigmoid 6 22",
            "HardSwish 22",
            "Hardmax 11 13",
            "Identity 13 14 16 19 21 23 24 25",
            "If 11 13 16 19 21 23 24 25",
            "InstanceNormalization 6 22",
            "IsInf 20",
            "IsNaN 13 20",
            "LRN 13",
            "LSTM 22",
            "LeakyRelu 6 16",
            "Less 9 13",
            "LessOrEqual 16",
            "Log 6 13",
            "LogSoftmax 11",
            "Loop 11 13 16 19 21 23 24 25",
            "LpNormalization 22",
            "LpPool 11 22",
            "MatMul 9 13",
            "Max 6 8 12 13",
            "MaxPool 8 10 11 12 22",
            "MaxRoiPool 22",
            "MaxUnpool 11 22",
            "Mean 6 8 13",
            "MeanVarianceNormalization 13",
            "Min 6 8 12 13",
            "Mish 22",
            "Mod 13",
            "Mul 6 13 14",
            "Multinomial 22",
            "Neg 6 13",
            "NegativeLogLikelihoodLoss 13 22",
            "NonMaxSuppression 11",
            "NonZero 13",
            "OneHot 11",
            "OptionalGetElement 18",
            "OptionalHasElement 18",
            "PRelu 6 7 9 16",
            "Pad 13 18 19 21 23 24 25",
            "Pow 12 13 15",
            "QLinearMatMul 21",
            "QuantizeLinear 13 19 21 23 24 25",
            "RNN 22",
            "RandomNormal 22",
            "RandomNormalLike 22",
            "RandomUniform 22",
            "RandomUniformLike 22",
            "Range 27",
            "Reciprocal 6 13",
            "ReduceL1 11 13",
            "ReduceL2 11 13",
            "ReduceLogSum 11 13",
            "ReduceLogSumExp 11 13",
            "ReduceMax 11 12 13 20",
            "ReduceMean 11 13",
            "ReduceMin 11 12 13 20",
            "ReduceProd 11 13",
            "ReduceSum 11",
            "ReduceSumSquare 11 13",
            "Relu 6 13 14",
            "Reshape 13 14 19 21 23 24 25",
            "Resize 13 18 19",
            "RoiAlign 22",
            "Round 22",
            "Scan 11 16 19 21 23 24 25",
            "ScatterElements 13 16 18",
            "ScatterND 13 16 18",
            "Selu 6 22",
            "Shape 13 15 19 21 23 24 25",
            "Sigmoid 6 13",
            "Sign 13",
            "Sin 22",
            "Sinh 22",
            "Size 13 19 21 23 24 25",
            "Slice 11 13",
            "Softmax 11",
            "SoftmaxCrossEntropyLoss 13",
            "Softplus 22",
            "Softsign 22",
            "SpaceToDepth 13",
            "Split 11",
            "SplitToSequence 24",
            "Sqrt 6 13",
            "Squeeze 11 21 23 24 25",
            "Sub 6 13 14",
            "Sum 6 8 13",
            "Tan 22",
            "Tanh 6 13",
            "ThresholdedRelu 22",
            "Tile 13",
            "TopK 11 24",
            "Transpose 13 21 23 24 25",
            "Unsqueeze 11 21 23 24 25",
            "Where 16"    );

    static {
        for (String line : COMPATIBLE) {
            String[] parts = line.split(" ");
            for (int i = 1; i < parts.length; i++) {
                int to = Integer.parseInt(parts[i]);
                ENTRIES.put(key(parts[0], to), to == 6
                        ? new Entry("consumed_inputs dropped", (n, g, out) -> {
                            Nodes.take(n, "consumed_inputs");
                            out.add(n.build());
                        })
                        : new Entry("unchanged", (n, g, out) -> out.add(n.build())));
            }
        }
        register("Concat", 4, "axis=1 made explicit", (n, g, out) -> {
            if (!Nodes.has(n, "axis")) {
                Nodes.setInt(n, "axis", 1);
            }
            out.add(n.build());
        });
        register("BatchNormalization", 7, "is_test removed", Adapters::dropIsTest);
        register("Dropout", 7, "is_test removed", Adapters::dropIsTest);
        register("BatchNormalization", 9, "spatial removed", (n, g, out) -> {
            if (Nodes.intOr(n, "spatial", 1) != 1) {
                throw refuse(n, "BatchNormalization with spatial=0 has no equivalent in opset 9");
            }
            Nodes.take(n, "spatial");
            out.add(n.build());
        });
        register("BatchNormalization", 14, "training outputs checked unused", (n, g, out) -> {
            // Opset 14 computes running mean/var outputs only in training mode: outputs past Y must go.
            for (int i = 1; i < n.getOutputCount(); i++) {
                String extra = n.getOutput(i);
                if (!extra.isEmpty() && g.isRead(extra)) {
                    throw refuse(n, "its training output '" + extra + "' is used, and opset 14 computes it only in training mode");
                }
            }
            String y = n.getOutput(0);
            n.clearOutput().addOutput(y);
            out.add(n.build());
        });
        register("Upsample", 9, "scales attribute → input", (n, g, out) -> {
            Optional<AttributeProto> scales = Nodes.take(n, "scales");
            if (scales.isPresent()) {
                float[] s = Nodes.floats(scales.get());
                Nodes.setInput(n, 1, g.constant(GraphContext.base(n) + "_scales",
                        dev.onnxworkbench.models.tensor.HostTensor.ofFloats(new long[] {s.length}, s)));
            }
            out.add(n.build());
        });
        register("Upsample", 10, "replaced by Resize", (n, g, out) -> {
            if (n.getInputCount() < 2 || n.getInput(1).isEmpty()) {
                throw refuse(n, "Upsample without a scales input");
            }
            NodeProto.Builder resize = NodeProto.newBuilder().setOpType("Resize").setName(n.getName())
                    .setDomain(n.getDomain()).addInput(n.getInput(0)).addInput(n.getInput(1)).addAllOutput(n.getOutputList());
            Nodes.setString(resize, "mode", Nodes.stringOr(n, "mode", "nearest"));
            out.add(resize.build());
        });
        register("Resize", 11, "roi input added, opset 10's asymmetric coordinates kept", (n, g, out) -> {
            String mode = Nodes.stringOr(n, "mode", "nearest");
            String scales = n.getInputCount() > 1 ? n.getInput(1) : "";
            // ONNX Runtime reads roi only for tf_crop_and_resize: an empty tensor stands for "not used".
            String roi = g.constant(GraphContext.base(n) + "_roi",
                    dev.onnxworkbench.models.tensor.HostTensor.ofFloats(new long[] {0}));
            Nodes.setInput(n, 1, roi);
            Nodes.setInput(n, 2, scales);
            Nodes.setString(n, "coordinate_transformation_mode", "asymmetric");
            if (mode.equals("nearest")) {
                Nodes.setString(n, "nearest_mode", "floor"); // Upsample/Resize-10 nearest took the floor
            }
            out.add(n.build());
        });
        register("Slice", 10, "starts/ends/axes attributes → inputs", (n, g, out) -> {
            String base = GraphContext.base(n);
            long[] starts = Nodes.take(n, "starts").map(Nodes::ints).orElseThrow(() -> refuse(n, "Slice without starts"));
            long[] ends = Nodes.take(n, "ends").map(Nodes::ints).orElseThrow(() -> refuse(n, "Slice without ends"));
            Optional<AttributeProto> axes = Nodes.take(n, "axes");
            Nodes.setInput(n, 1, g.int64s(base + "_starts", starts));
            Nodes.setInput(n, 2, g.int64s(base + "_ends", ends));
            if (axes.isPresent()) {
                Nodes.setInput(n, 3, g.int64s(base + "_axes", Nodes.ints(axes.get())));
            }
            out.add(n.build());
        });
        register("TopK", 10, "k attribute → input", (n, g, out) -> {
            long k = Nodes.take(n, "k").map(AttributeProto::getI).orElseThrow(() -> refuse(n, "TopK without k"));
            Nodes.setInput(n, 1, g.int64s(GraphContext.base(n) + "_k", k));
            out.add(n.build());
        });
        register("Clip", 11, "min/max attributes → inputs", (n, g, out) -> {
            ElementType type = g.elementType(n.getInput(0), ElementType.FLOAT);
            Optional<AttributeProto> min = Nodes.take(n, "min");
            Optional<AttributeProto> max = Nodes.take(n, "max");
            String base = GraphContext.base(n);
            if (min.isPresent()) {
                Nodes.setInput(n, 1, g.scalar(base + "_min", type, min.get().getF()));
            }
            if (max.isPresent()) {
                Nodes.setInput(n, 2, g.scalar(base + "_max", type, max.get().getF()));
            }
            out.add(n.build());
        });
        register("Pad", 11, "pads/value attributes → inputs", (n, g, out) -> {
            String base = GraphContext.base(n);
            long[] pads = Nodes.take(n, "pads").map(Nodes::ints).orElseThrow(() -> refuse(n, "Pad without pads"));
            Optional<AttributeProto> value = Nodes.take(n, "value");
            Nodes.setInput(n, 1, g.int64s(base + "_pads", pads));
            if (Nodes.stringOr(n, "mode", "constant").equals("constant") && value.isPresent() && value.get().getF() != 0f) {
                ElementType type = g.elementType(n.getInput(0), ElementType.FLOAT);
                Nodes.setInput(n, 2, g.scalar(base + "_value", type, value.get().getF()));
            }
            out.add(n.build());
        });
        register("Scatter", 11, "replaced by ScatterElements", (n, g, out) -> {
            n.setOpType("ScatterElements");
            out.add(n.build());
        });
        register("Dropout", 12, "ratio attribute → input", (n, g, out) -> {
            Optional<AttributeProto> ratio = Nodes.take(n, "ratio");
            if (ratio.isPresent()) {
                Nodes.setInput(n, 1, g.scalar(GraphContext.base(n) + "_ratio", ElementType.FLOAT, ratio.get().getF()));
            }
            out.add(n.build());
        });
        for (String op : List.of("ReduceSum", "Squeeze", "Unsqueeze")) {
            register(op, 13, "axes attribute → input", Adapters::axesToInput);
        }
        for (String op : List.of("ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean",
                "ReduceMin", "ReduceProd", "ReduceSumSquare")) {
            register(op, 18, "axes attribute → input", Adapters::axesToInput);
        }
        register("Split", 13, "split attribute → input", (n, g, out) -> {
            Optional<AttributeProto> split = Nodes.take(n, "split");
            if (split.isPresent()) {
                Nodes.setInput(n, 1, g.int64s(GraphContext.base(n) + "_split", Nodes.ints(split.get())));
            }
            out.add(n.build());
        });
        register("Split", 18, "num_outputs made explicit", (n, g, out) -> {
            boolean sizesGiven = n.getInputCount() > 1 && !n.getInput(1).isEmpty();
            if (!sizesGiven && !Nodes.has(n, "num_outputs")) {
                Nodes.setInt(n, "num_outputs", n.getOutputCount());
            }
            out.add(n.build());
        });
        for (String op : List.of("Softmax", "LogSoftmax", "Hardmax")) {
            register(op, 13, "axis: opset 12's flattened 2-D semantics kept", Adapters::coercedAxis);
        }
        for (String op : List.of("GRU", "LSTM", "RNN")) {
            register(op, 14, "unchanged (layout 0)", (n, g, out) -> out.add(n.build()));
        }
        register("LpPool", 18, "unchanged (ceil_mode 0)", (n, g, out) -> out.add(n.build()));
        register("RoiAlign", 16, "coordinate_transformation_mode=output_half_pixel kept", (n, g, out) -> {
            if (!Nodes.has(n, "coordinate_transformation_mode")) {
                Nodes.setString(n, "coordinate_transformation_mode", "output_half_pixel");
            }
            out.add(n.build());
        });
        register("GridSample", 20, "mode renamed", (n, g, out) -> {
            String mode = Nodes.stringOr(n, "mode", "bilinear");
            Nodes.setString(n, "mode", switch (mode) {
                case "bilinear" -> "linear";
                case "bicubic" -> "cubic";
                default -> mode;
            });
            out.add(n.build());
        });
    }

    private Adapters() {
    }

    static Optional<Entry> find(String opType, int toVersion) {
        return Optional.ofNullable(ENTRIES.get(key(opType, toVersion)));
    }

    private static String key(String opType, int version) {
        return opType + "@" + version;
    }

    private static void register(String opType, int toVersion, String change, Adapter adapter) {
        ENTRIES.put(key(opType, toVersion), new Entry(change, adapter));
    }

    static OpsetConversionException refuse(NodeProto.Builder node, String why) {
        return new OpsetConversionException(node.getOpType() + " node '" + Nodes.label(node) + "': " + why + ".");
    }

    private static void dropIsTest(NodeProto.Builder n, GraphContext g, List<NodeProto> out) {
        Nodes.take(n, "is_test");
        out.add(n.build());
    }

    private static void axesToInput(NodeProto.Builder n, GraphContext g, List<NodeProto> out) throws WorkbenchException {
        Optional<AttributeProto> axes = Nodes.take(n, "axes");
        if (axes.isPresent()) {
            Nodes.setInput(n, 1, g.int64s(GraphContext.base(n) + "_axes", Nodes.ints(axes.get())));
        }
        out.add(n.build());
    }

    /**
     * Softmax-like operators before 13 flattened the input to 2-D at {@code axis} (default 1); from 13 they
     * work along one axis. Where the model records the rank and the axis is the last one, both agree;
     * elsewhere Flatten → op(axis=-1) → Reshape to the input's shape gives the old result exactly.
     */
    private static void coercedAxis(NodeProto.Builder n, GraphContext g, List<NodeProto> out) throws WorkbenchException {
        long axis = Nodes.intOr(n, "axis", 1);
        String input = n.getInput(0);
        int rank = g.rank(input);
        if (axis == -1 || (rank > 0 && (axis == rank - 1 || axis + rank == rank - 1))) {
            Nodes.setInt(n, "axis", -1);
            out.add(n.build());
            return;
        }
        String base = GraphContext.base(n);
        String shape = g.fresh(base + "_shape");
        String flat = g.fresh(base + "_2d");
        String result = g.fresh(base + "_2d_out");
        out.add(NodeProto.newBuilder().setOpType("Shape").setName(g.fresh(base + "_shape_of_input"))
                .addInput(input).addOutput(shape).build());
        NodeProto.Builder flatten = NodeProto.newBuilder().setOpType("Flatten").setName(g.fresh(base + "_flatten"))
                .addInput(input).addOutput(flat);
        Nodes.setInt(flatten, "axis", axis);
        out.add(flatten.build());
        String original = n.getOutput(0);
        n.setInput(0, flat).setOutput(0, result);
        Nodes.setInt(n, "axis", -1);
        out.add(n.build());
        out.add(NodeProto.newBuilder().setOpType("Reshape").setName(g.fresh(base + "_reshape"))
                .addInput(result).addInput(shape).addOutput(original).build());
    }
}
