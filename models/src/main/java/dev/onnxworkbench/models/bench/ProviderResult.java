package dev.onnxworkbench.models.bench;

import java.util.List;

/**
 * Everything measured for one provider variant. An unavailable provider has {@code available=false}
 * and a {@code reason}; one that loaded but failed while running has {@code error}.
 *
 * @param sessionCreateMs time to create the session, engine build included (NaN when none was created)
 * @param firstRunMs      the first inference after creation (NaN when it did not run)
 * @param batches         timed runs per batch size, in the configured order; the first is the headline
 * @param baseline        bare-loop comparison, when asked for (CPU rows), else null
 */
public record ProviderResult(ProviderVariant variant, boolean available, String reason, String error,
                             double sessionCreateMs, double firstRunMs, List<BatchResult> batches,
                             List<OutputAgreement> agreement, NodePlacement placement, BareLoopBaseline baseline) {

    public ProviderResult {
        batches = List.copyOf(batches);
        agreement = List.copyOf(agreement);
        placement = placement == null ? NodePlacement.NONE : placement;
    }

    static ProviderResult unavailable(ProviderVariant variant, String reason) {
        return new ProviderResult(variant, false, reason, null, Double.NaN, Double.NaN, List.of(), List.of(), null, null);
    }

    static ProviderResult failed(ProviderVariant variant, String error) {
        return new ProviderResult(variant, true, null, error, Double.NaN, Double.NaN, List.of(), List.of(), null, null);
    }

    /** The headline latency (first batch size), or null when nothing was timed. */
    public LatencyStats latency() {
        return batches.isEmpty() ? null : batches.getFirst().latency();
    }

    public double throughputPerSec() {
        return batches.isEmpty() ? Double.NaN : batches.getFirst().throughputPerSec();
    }

    public int runs() {
        return batches.isEmpty() ? 0 : batches.getFirst().runs();
    }

    /** True when every compared output is within tolerance (and there was something to compare). */
    public boolean agrees() {
        return !agreement.isEmpty() && agreement.stream().allMatch(OutputAgreement::pass);
    }

    public boolean succeeded() {
        return available && error == null && !batches.isEmpty();
    }
}
