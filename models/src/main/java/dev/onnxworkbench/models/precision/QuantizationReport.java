package dev.onnxworkbench.models.precision;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a quantizer did.
 *
 * @param mode            "static (QDQ)" or "dynamic"
 * @param quantized       quantized nodes by operator type
 * @param quantizedNodes  names of the quantized nodes (of the original model), for marking the graph
 * @param kept            operator types left in float, with why and how many
 * @param excludedNodes   nodes the user kept in float (--exclude)
 * @param folded          Relu/Clip nodes folded into the preceding quantization (their range does the clipping)
 * @param weights         weight tensors quantized (initializers and Constant values)
 * @param constantWeights of those, how many came from Constant nodes
 * @param calibration     the calibration set and method, or empty for dynamic quantization
 * @param notes           anything else the user must know (per-channel fallback, conversions)
 */
public record QuantizationReport(Path source, Path out, String mode, QuantizeOptions options,
                                 Map<String, Integer> quantized, List<String> quantizedNodes, List<Kept> kept,
                                 List<String> excludedNodes, int folded, int weights, int constantWeights,
                                 String calibration, List<String> notes, long bytesBefore, long bytesAfter,
                                 ModelCheck check) {
    public QuantizationReport {
        quantized = Map.copyOf(quantized);
        quantizedNodes = List.copyOf(quantizedNodes);
        kept = List.copyOf(kept);
        excludedNodes = List.copyOf(excludedNodes);
        notes = List.copyOf(notes);
    }

    /** An operator type left in float: how many nodes and why. */
    public record Kept(String opType, int count, String reason) {}

    public int quantizedCount() {
        return quantized.values().stream().mapToInt(Integer::intValue).sum();
    }
}
