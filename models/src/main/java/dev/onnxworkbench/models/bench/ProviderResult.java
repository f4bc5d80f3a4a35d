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
 * @param precision       the precision this row ran (its model file), or null for the model as given without a
 *                        precision axis
 */
public record ProviderResult(ProviderVariant variant, boolean available, String reason, String error,
                             double sessionCreateMs, double firstRunMs, List<BatchResult> batches,
                             List<OutputAgreement> agreement, NodePlacement placement, BareLoopBaseline baseline,
                             ModelPrecision precision) {

    public ProviderResult {
        batches = List.copyOf(batches);
        agreement = List.copyOf(agreement);
        placement = placement == null ? NodePlacement.NONE : placement;
    }

    /** A row of a comparison without a precision axis. */
    public ProviderResult(ProviderVariant variant, boolean available, String reason, String error,
                          double sessionCreateMs, double firstRunMs, List<BatchResult> batches,
                          List<OutputAgreement> agreement, NodePlacement placement, BareLoopBaseline baseline) {
        this(variant, available, reason, error, sessionCreateMs, firstRunMs, batches, agreement, placement, baseline,
                null);
    }

    static ProviderResult unavailable(ProviderVariant variant, String reason) {
        return unavailable(variant, reason, null);
    }

    static ProviderResult failed(ProviderVariant variant, String error) {
        return failed(variant, error, null);
    }

    static ProviderResult unavailable(ProviderVariant variant, String reason, ModelPrecision precision) {
        return new ProviderResult(variant, false, reason, null, Double.NaN, Double.NaN, List.of(), List.of(), null, null,
                precision);
    }

    static ProviderResult failed(ProviderVariant variant, String error, ModelPrecision precision) {
        return new ProviderResult(variant, true, null, error, Double.NaN, Double.NaN, List.of(), List.of(), null, null,
                precision);
    }

    /** The provider label, with the precision when there is an axis: "CPU · 2 threads · INT8 static (QDQ)". */
    public String label() {
        return precision == null ? variant.label() : variant.label() + " · " + precision.label();
    }

    /** The precision's name (fp32 when there is no axis). */
    public String precisionName() {
        return precision == null ? ModelPrecision.FP32 : precision.name();
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
