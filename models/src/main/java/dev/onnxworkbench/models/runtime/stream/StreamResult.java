package dev.onnxworkbench.models.runtime.stream;

import java.util.List;

/**
 * A streaming run over a whole signal.
 *
 * @param plan         windows, hop and carried state
 * @param sampleRate   samples per second of the streamed signal, 0 when it is not a recording (times are then NaN)
 * @param length       samples in the signal
 * @param outputs      the outputs reported per row (carried ones left out), in model order
 * @param rows         one per window
 * @param padding      what the last window was padded with, or empty when the windows fit exactly
 * @param runMillis    time spent in ONNX Runtime over all windows
 */
public record StreamResult(StreamPlan plan, int sampleRate, long length, List<String> outputs, List<StreamRow> rows,
                           String padding, double runMillis) {
    public StreamResult {
        outputs = List.copyOf(outputs);
        rows = List.copyOf(rows);
    }

    public double seconds() {
        return sampleRate > 0 ? length / (double) sampleRate : Double.NaN;
    }
}
