package dev.onnxworkbench.models.flops;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * FLOPs of one operator from its actual input and output shapes (a multiply-add counts as 2 FLOPs).
 * Formulas (N = elements of the output unless said otherwise):
 * <ul>
 *   <li>Conv: 2·N·(C/group·kh·kw…) = 2·N·∏W[1:], plus N for a bias; ConvTranspose: 2·∏X·∏W[1:] (+ N bias);</li>
 *   <li>MatMul (batched, broadcast): 2·N·K with K = A's last dimension; Gemm: 2·M·N·K (+ M·N for C);</li>
 *   <li>pooling: N·kernel area (kernel from attributes, else input/output size ratio); global pooling: ∏X;</li>
 *   <li>normalization (BatchNormalization, LayerNormalization, InstanceNormalization, GroupNormalization,
 *       LpNormalization): 5·∏X; Softmax/LogSoftmax: 5·∏X;</li>
 *   <li>elementwise and activations: N (one operation per output element; Sum/Max/Min/Mean of k inputs: (k−1)·N);</li>
 *   <li>LSTM: dirs·seq·batch·(2·4H·(I+H) + 8H), GRU: dirs·seq·batch·(2·3H·(I+H) + 6H), RNN: dirs·seq·batch·(2·H·(I+H) + 2H);</li>
 *   <li>reductions: ∏X; data movement (Reshape, Transpose, Concat, Gather, Slice, …): 0.</li>
 * </ul>
 * Attention-style chains (MatMul → Softmax → MatMul) are the sum of their MatMul and Softmax nodes.
 */
public final class FlopCounter {
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Relu", "LeakyRelu",
            "PRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs",
            "Clip", "Erf", "Gelu", "Elu", "Selu", "Celu", "Mish", "Softplus", "Softsign", "ThresholdedRelu",
            "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor", "Not", "Where", "Sin",
            "Cos", "Floor", "Ceil", "Round", "Sign", "Mod", "BitShift", "Swish", "QuickGelu", "FastGelu", "BiasGelu");
    private static final Set<String> VARIADIC = Set.of("Sum", "Max", "Min", "Mean");
    private static final Set<String> NORMALIZATION = Set.of("BatchNormalization", "LayerNormalization",
            "InstanceNormalization", "GroupNormalization", "LpNormalization", "SimplifiedLayerNormalization",
            "SkipLayerNormalization", "MeanVarianceNormalization", "Softmax", "LogSoftmax");
    private static final Set<String> REDUCTION = Set.of("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin",
            "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax",
            "ArgMin", "CumSum");
    private static final Set<String> DATA_MOVEMENT = Set.of("Reshape", "Transpose", "Concat", "Split", "Slice",
            "Gather", "GatherElements", "GatherND", "Squeeze", "Unsqueeze", "Flatten", "Identity", "Shape", "Size",
            "Expand", "Tile", "Pad", "Cast", "CastLike", "Constant", "ConstantOfShape", "Range", "Resize", "Upsample",
            "DepthToSpace", "SpaceToDepth", "ScatterND", "ScatterElements", "NonZero", "TopK", "Dropout", "If",
            "Loop", "Scan", "SequenceConstruct", "SequenceAt", "SequenceInsert", "SplitToSequence",
            "ConcatFromSequence", "Optional", "OptionalGetElement", "OptionalHasElement", "Trilu", "OneHot");

    private FlopCounter() {
    }

    /**
     * FLOPs of {@code opType} (ORT's fused names like FusedConv and FusedMatMul count as their base op) with
     * the given shapes; -1 when the operator is not modelled or a needed shape is missing.
     *
     * @param attributes integer-list attributes that matter (kernel_shape); may be empty
     */
    public static long flops(String opType, List<long[]> inputs, List<long[]> outputs, Map<String, long[]> attributes) {
        String op = base(opType);
        long out = outputs.isEmpty() || outputs.getFirst() == null ? -1 : product(outputs.getFirst());
        long in = inputs.isEmpty() || inputs.getFirst() == null ? -1 : product(inputs.getFirst());
        try {
            return switch (op) {
                case "Conv" -> {
                    long[] w = inputs.get(1);
                    yield 2 * out * product(w, 1) + (present(inputs, 2) ? out : 0);
                }
                case "ConvTranspose" -> {
                    long[] w = inputs.get(1);
                    yield 2 * in * product(w, 1) + (present(inputs, 2) ? out : 0);
                }
                case "MatMul", "MatMulInteger", "QLinearMatMul" -> {
                    long[] a = inputs.getFirst();
                    yield 2 * out * a[a.length - 1];
                }
                case "Gemm" -> {
                    long[] y = outputs.getFirst();
                    long m = y[0];
                    long k = product(inputs.getFirst()) / Math.max(1, m);
                    yield 2 * out * k + (present(inputs, 2) ? out : 0);
                }
                case "MaxPool", "AveragePool", "LpPool" -> {
                    long[] kernel = attributes.get("kernel_shape");
                    if (kernel != null) {
                        yield out * product(kernel);
                    }
                    yield in; // every input element is read about once per window stride
                }
                case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool" -> in;
                case "LSTM", "GRU", "RNN" -> recurrent(op, inputs);
                default -> {
                    if (NORMALIZATION.contains(op)) {
                        yield 5 * in;
                    }
                    if (ELEMENTWISE.contains(op)) {
                        yield out;
                    }
                    if (VARIADIC.contains(op)) {
                        yield (inputs.size() - 1) * out;
                    }
                    if (REDUCTION.contains(op)) {
                        yield in;
                    }
                    if (DATA_MOVEMENT.contains(op)) {
                        yield 0;
                    }
                    yield -1;
                }
            };
        } catch (RuntimeException e) { // a shape missing or of unexpected rank
            return -1;
        }
    }

    private static long recurrent(String op, List<long[]> inputs) {
        long[] x = inputs.get(0); // [seq, batch, input] (layout 0)
        long[] r = inputs.get(2); // [dirs, gates·H, H]
        long dirs = r[0];
        long hidden = r[2];
        long gates = switch (op) {
            case "LSTM" -> 4;
            case "GRU" -> 3;
            default -> 1;
        };
        long steps = x[0] * x[1];
        long perStep = 2 * gates * hidden * (x[2] + hidden) + 2 * gates * hidden;
        return dirs * steps * perStep;
    }

    /** ORT's fused kernels named after what they fuse. */
    static String base(String opType) {
        String op = opType;
        if (op.startsWith("Fused")) {
            op = op.substring("Fused".length());
        }
        if (op.startsWith("QLinear") && !op.equals("QLinearMatMul")) {
            op = op.substring("QLinear".length());
        }
        if (op.toLowerCase(Locale.ROOT).startsWith("nchwc")) {
            op = op.substring(5);
        }
        return op;
    }

    private static boolean present(List<long[]> inputs, int index) {
        return inputs.size() > index && inputs.get(index) != null;
    }

    static long product(long[] dims) {
        return product(dims, 0);
    }

    static long product(long[] dims, int from) {
        long p = 1;
        for (int i = from; i < dims.length; i++) {
            p *= Math.max(0, dims[i]);
        }
        return p;
    }
}
