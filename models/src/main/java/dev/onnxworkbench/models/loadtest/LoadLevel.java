package dev.onnxworkbench.models.loadtest;

import java.util.Map;

/** What one concurrency level measured: latency percentiles in ms, throughput, errors, responses by status. */
public record LoadLevel(int concurrency, long requests, double p50Ms, double p90Ms, double p99Ms, double maxMs,
                        double reqPerS, long errors, Map<String, Long> statusCounts) {
    public LoadLevel {
        statusCounts = Map.copyOf(statusCounts);
    }
}
