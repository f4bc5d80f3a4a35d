package dev.onnxworkbench.models.precision;

import java.util.Map;
import java.util.Set;

/**
 * Which operators the static quantizer wraps in QuantizeLinear/DequantizeLinear, after onnxruntime's
 * {@code registry.py} (QDQRegistry): the ones ONNX Runtime's CPU provider fuses into int8 kernels (QLinearConv,
 * QLinearMatMul, QLinearAdd, QLinearConcat, QLinearAveragePool, ...) or moves int8 data through unchanged
 * (Resize, Reshape, Transpose...: their output takes their input's scale so the pairs can be dropped). Not
 * MaxPool, although onnxruntime's registry has it: ONNX Runtime's uint8 MaxPool is far slower than the float one.
 */
final class QdqRegistry {
    /** Operators with a weight in input 1 (and a bias in input 2 for Conv, ConvTranspose and Gemm). */
    static final Set<String> WITH_WEIGHT = Set.of("Conv", "ConvTranspose", "Gemm");
    /** Both inputs may be activations or constants. */
    static final Set<String> BINARY = Set.of("Add", "Mul", "MatMul");
    /** Unary operators with their own int8 kernel: input and output quantized separately. */
    static final Set<String> UNARY = Set.of("AveragePool", "GlobalAveragePool", "Sigmoid", "LeakyRelu");
    /** Data movement: the output keeps the input's scale and zero point. */
    static final Set<String> SAME_AS_INPUT = Set.of("Resize", "Reshape", "Transpose", "Squeeze",
            "Unsqueeze", "Flatten", "Upsample");
    /** Activations folded into the producer's output quantization when they are its only reader. */
    static final Set<String> FOLDABLE = Set.of("Relu", "Clip");

    /** Operators that compare values: a tensor they read is kept in float (see StaticQuantizer). */
    static final Set<String> COMPARISONS = Set.of("Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual",
            "ArgMax", "ArgMin", "TopK");

    /**
     * Operators that move, select or monotonically map values: a comparison after them compares (the order of)
     * their input's values, so ties made by rounding the input survive them.
     */
    static final Set<String> KEEPS_ORDER = Set.of("Resize", "Reshape", "Transpose", "Squeeze", "Unsqueeze",
            "Flatten", "Upsample", "MaxPool", "Slice", "Gather", "Identity", "Expand", "Tile", "Sigmoid", "Tanh",
            "Relu", "Exp");

    /** Why an operator stays in float, for the report. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("HardSigmoid", "ONNX Runtime has no int8 kernel for it; kept in float between DequantizeLinear "
                    + "and QuantizeLinear"),
            Map.entry("HardSwish", "ONNX Runtime has no int8 kernel for it"),
            Map.entry("MaxPool", "ONNX Runtime's uint8 MaxPool is a plain loop, about 20× slower than its float "
                    + "kernel (measured on PaddleOCR's classifier); it runs in float between DequantizeLinear and "
                    + "QuantizeLinear"),
            Map.entry("BatchNormalization", "fold it into the Conv before quantizing (optimize --level basic)"),
            Map.entry("Softmax", "kept in float for accuracy (as onnxruntime's default registry)"),
            Map.entry("LSTM", "recurrent weights are quantized only dynamically (DynamicQuantizeLSTM), not in QDQ"),
            Map.entry("GRU", "recurrent weights are quantized only dynamically, not in QDQ"));

    private QdqRegistry() {
    }

    static boolean quantizable(String op) {
        return WITH_WEIGHT.contains(op) || BINARY.contains(op) || UNARY.contains(op) || SAME_AS_INPUT.contains(op)
                || FOLDABLE.contains(op) || op.equals("Concat");
    }

    /** Operators whose output gets its own quantization (calibrated range). */
    static boolean quantizesOutput(String op) {
        return WITH_WEIGHT.contains(op) || BINARY.contains(op) || UNARY.contains(op) || FOLDABLE.contains(op)
                || op.equals("Concat");
    }

    static String reason(String op) {
        return REASONS.getOrDefault(op, "no int8 kernel in ONNX Runtime's CPU provider fuses it");
    }
}
