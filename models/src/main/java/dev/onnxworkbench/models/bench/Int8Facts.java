package dev.onnxworkbench.models.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What decides whether an INT8 model is faster than its FP32 original on this machine: the CPU's int8
 * dot-product instructions, the model's quantization format, and the QuantizeLinear/DequantizeLinear nodes that
 * ONNX Runtime's optimizations left in the graph (each a round trip through float it could not fuse into an int8
 * kernel).
 *
 * @param cpu              the CPU's int8 support in words ("AVX-512 VNNI", "AVX2 without VNNI", "Arm dot product")
 * @param cpuDotProduct    whether it has int8 dot-product instructions (VNNI, AVX-VNNI, Arm sdot)
 * @param format           "QDQ", "QOperator" or "dynamic" (DynamicQuantizeLinear + MatMulInteger)
 * @param signedActivations int8 activations (S8S8); false for uint8 activations (U8S8, x86's fast path)
 * @param quantizeNodes    QuantizeLinear nodes in the model as written
 * @param dequantizeNodes  DequantizeLinear nodes in the model as written
 * @param quantizeLeft     QuantizeLinear nodes left after ONNX Runtime's optimizations (-1 when not known)
 * @param dequantizeLeft   DequantizeLinear nodes left after them (-1 when not known)
 * @param unfusedAround    operator types that still read a DequantizeLinear output after the optimizations, with
 *                         counts: those run in float between a dequantize and a quantize
 * @param optimizedNote    why the counts after optimization are unknown, or null
 */
public record Int8Facts(String cpu, boolean cpuDotProduct, String format, boolean signedActivations,
                        int quantizeNodes, int dequantizeNodes, int quantizeLeft, int dequantizeLeft,
                        Map<String, Integer> unfusedAround, String optimizedNote) {

    public Int8Facts {
        unfusedAround = unfusedAround == null ? Map.of() : new TreeMap<>(unfusedAround);
    }

    /** DequantizeLinear nodes left after ONNX Runtime's fusions (weights' DQ folded into kernels do not count). */
    public int unfusedPairs() {
        return Math.max(0, Math.max(quantizeLeft, dequantizeLeft));
    }

    /** One line of facts: "CPU: AVX-512 VNNI; format QDQ, U8S8; 12 of 80 Q/DQ nodes left unfused (Resize ×3)". */
    public String summary() {
        StringBuilder s = new StringBuilder("CPU: ").append(cpu).append("; format ").append(format);
        if (!format.equals("dynamic")) {
            s.append(signedActivations ? ", S8S8" : ", U8S8");
        }
        if (quantizeLeft >= 0) {
            s.append(String.format(Locale.ROOT, "; after ONNX Runtime's optimizations %d QuantizeLinear and %d "
                    + "DequantizeLinear of %d and %d remain", quantizeLeft, dequantizeLeft, quantizeNodes, dequantizeNodes));
            if (!unfusedAround.isEmpty()) {
                s.append(" (float ").append(around()).append(')');
            }
        } else if (optimizedNote != null) {
            s.append("; ").append(optimizedNote);
        }
        return s.toString();
    }

    private String around() {
        return unfusedAround.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(6).map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * Why this INT8 model is slower than FP32 here, in sentences, given its p50 over FP32's p50 at the same
     * settings; empty when it is not slower.
     */
    public String whySlower(double ratio) {
        if (!(ratio >= 1.0)) {
            return "";
        }
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
                "INT8 is slower than FP32 on this machine (%.2f× the FP32 p50). Why: ", ratio));
        if (!cpuDotProduct) {
            why.append("this CPU has ").append(cpu).append(", so ONNX Runtime's int8 kernels cannot use VNNI/dot-product "
                    + "instructions and often lose to its float32 kernels. ");
        } else {
            why.append("this CPU has ").append(cpu).append(", so the int8 kernels themselves are fast; ");
        }
        switch (format) {
            case "QOperator" -> why.append(signedActivations
                    ? "the model is in QOperator format with int8 activations (S8S8), which x86 runs on slow paths; "
                    + "QDQ with uint8 activations (U8S8) is the fast format. "
                    : "the model is in QOperator format: ONNX Runtime runs its QLinear* operators as written and "
                    + "cannot fuse them further. ");
            case "dynamic" -> why.append("dynamic quantization computes every activation's scale at run time "
                    + "(DynamicQuantizeLinear before each MatMulInteger); for convolutional models static QDQ is faster. ");
            default -> {
                if (signedActivations) {
                    why.append("activations are int8 (S8S8), slower than uint8 (U8S8) on x86. ");
                }
            }
        }
        if (unfusedPairs() > 0) {
            why.append(unfusedPairs()).append(" QuantizeLinear/DequantizeLinear nodes were not fused by ONNX Runtime");
            if (!unfusedAround.isEmpty()) {
                why.append(" (the float operators between them: ").append(around()).append(')');
            }
            why.append(": each is a round trip between int8 and float32 that costs time instead of saving it. ");
        } else if (format.equals("QDQ") && quantizeLeft == 0 && dequantizeLeft == 0 && cpuDotProduct) {
            why.append("every Q/DQ pair was fused, so the int8 kernels are not the cost: at this input size the "
                    + "model is too small for int8 arithmetic to outweigh quantizing inputs and dequantizing outputs. ");
        }
        return why.toString().strip();
    }
}
