package dev.onnxworkbench.models.bench;

/**
 * Timed runs at one batch size.
 *
 * @param batchSize        items per inference (the dynamic batch dimension's value)
 * @param latency          per-inference latency statistics
 * @param throughputPerSec items per second over the timed runs: batchSize × runs / Σ latency
 */
public record BatchResult(int batchSize, LatencyStats latency, double throughputPerSec) {
    public int runs() {
        return latency.count();
    }
}
