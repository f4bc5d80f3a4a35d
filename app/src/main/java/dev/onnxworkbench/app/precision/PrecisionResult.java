package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.precision.QuantizationReport;
import java.nio.file.Path;
import java.util.List;

/**
 * One finished Quantize / Convert run: the copy written to a scratch file (Save As… copies it), what was changed
 * and kept and why, sizes, accuracy against the original, and the per-layer error (INT8 only; empty for FP16).
 *
 * @param written   the scratch copy, never the original
 * @param summary   lines for a person: what was quantized/converted, what was kept in float and why, the check
 * @param excluded  nodes (and operator types) the user kept in float for this run
 * @param evaluated what the accuracy was measured on
 * @param quantizedNodes the original model's nodes that became INT8 (name, else first output); empty for FP16
 * @param kept      operator types left in float (FP32 for FP16) and why, for the graph's marks
 * @param labels    the labels file the accuracy was scored against ({@code accuracy().labels()}), or null
 */
public record PrecisionResult(Path source, Path written, PrecisionMode mode, List<String> summary, long bytesBefore,
                              long bytesAfter, AccuracyReport accuracy, List<TensorDivergence> layers,
                              List<String> excluded, String evaluated, List<String> quantizedNodes,
                              List<QuantizationReport.Kept> kept, Path labels) {
    public PrecisionResult {
        summary = List.copyOf(summary);
        layers = List.copyOf(layers);
        excluded = List.copyOf(excluded);
        quantizedNodes = List.copyOf(quantizedNodes);
        kept = List.copyOf(kept);
    }
}
