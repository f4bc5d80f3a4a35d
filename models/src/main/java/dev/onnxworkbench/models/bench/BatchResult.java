package dev.onnxworkbench.models.bench;

/**
 * Timed runs at one batch size.
 *
 * @param batchSize        items per inference (the dynamic batch dimension's value; 1 when the model has none)
 * @param latency          per-inference latency statistics
 * @param throughputPerSec items per second over the timed runs: batchSize × runs / Σ latency
 * @param shapes           the input shapes that ran, e.g. {@code x float32[8,3,640,640]; sr int64[]}
 */
public record BatchResult(int batchSize, LatencyStats latency, double throughputPerSec, String shapes) {
    public BatchResult {
        shapes = shapes == null ? "" : shapes;
    }

    /** A result whose shapes were not recorded (reports written before shapes were). */
    public BatchResult(int batchSize, LatencyStats latency, double throughputPerSec) {
        this(batchSize, latency, throughputPerSec, "");
    }

    public int runs() {
        return latency.count();
    }
}
