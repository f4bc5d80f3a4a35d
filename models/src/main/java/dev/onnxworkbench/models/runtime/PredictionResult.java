package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.tensor.OutputValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one run produced, copied out of ONNX Runtime (holds nothing native).
 *
 * @param outputs     by output name, in the model's output order
 * @param runNanos    time inside ONNX Runtime's run
 * @param totalNanos  run plus the workbench's own work around it (building tensors, copying outputs)
 */
public record PredictionResult(Map<String, OutputValue> outputs, long runNanos, long totalNanos) {

    public PredictionResult {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public Optional<OutputValue> output(String name) {
        return Optional.ofNullable(outputs.get(name));
    }

    /** Latency of ONNX Runtime's run, in milliseconds. */
    public double latencyMillis() {
        return runNanos / 1e6;
    }
}
