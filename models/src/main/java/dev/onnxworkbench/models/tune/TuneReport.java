package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import java.util.List;

/**
 * What the tuner found.
 *
 * @param candidates  every candidate in the order tried, with its search measurement
 * @param best        the winner (the default when nothing beat it), or null when nothing was measured
 * @param bestLatency the winner's latency in the final head-to-head against the defaults (same run, interleaved)
 * @param defaultLatency the default settings' latency in that same head-to-head
 * @param finalRound  how the final numbers were measured, for a person
 * @param cancelled   the user stopped it; the numbers are what was measured until then
 */
public record TuneReport(String model, List<InputDescription> inputs, double budgetSeconds, double elapsedSeconds,
                         List<Candidate> candidates, Candidate best, LatencyStats bestLatency,
                         LatencyStats defaultLatency, String finalRound, boolean cancelled) {
    public TuneReport {
        inputs = List.copyOf(inputs);
        candidates = List.copyOf(candidates);
    }

    /** Default p50 over the winner's p50 in the final round (1 when the default won), NaN when unknown. */
    public double speedup() {
        if (bestLatency == null || defaultLatency == null) {
            return Double.NaN;
        }
        return defaultLatency.p50() / bestLatency.p50();
    }
}
