package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionConfig;
import java.util.Locale;

/**
 * One setting the tuner tried, with what it measured.
 *
 * @param latency     the search's timed runs, or null when none ran
 * @param agrees      outputs within tolerance of the CPU reference (false when not compared)
 * @param maxAbsError largest difference from the reference over all outputs (NaN when not compared)
 * @param reason      why it is unavailable, failed, disagrees, was rejected or skipped; null when measured and agreeing
 * @param precision   the lower-precision copy this candidate runs (FP16, INT8), or null for the model itself
 */
public record Candidate(ProviderSettings settings, boolean isDefault, Status status, String reason, LatencyStats latency,
                        boolean agrees, double maxAbsError, double sessionCreateMs, ModelPrecision precision) {

    /** A candidate on the model itself (FP32). */
    public Candidate(ProviderSettings settings, boolean isDefault, Status status, String reason, LatencyStats latency,
                     boolean agrees, double maxAbsError, double sessionCreateMs) {
        this(settings, isDefault, status, reason, latency, agrees, maxAbsError, sessionCreateMs, null);
    }

    /** What became of a candidate. */
    public enum Status {
        /** timed, outputs agree: may win */
        MEASURED,
        /** timed, but outputs differ from the CPU reference: never wins */
        DISAGREES,
        /** a lower-precision copy whose error against FP32 exceeds the precision tolerance: never wins */
        REJECTED,
        /** its provider does not load here */
        UNAVAILABLE,
        /** the session or a run failed */
        FAILED,
        /** not tried: the time budget was spent, or the tuning was cancelled */
        SKIPPED;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Candidate pending(ProviderSettings settings, boolean isDefault, Status status, String reason) {
        return pending(settings, isDefault, status, reason, null);
    }

    static Candidate pending(ProviderSettings settings, boolean isDefault, Status status, String reason,
                             ModelPrecision precision) {
        return new Candidate(settings, isDefault, status, reason, null, false, Double.NaN, Double.NaN, precision);
    }

    /** "FP32", or the copy's label ("INT8 static (QDQ)"). */
    public String precisionLabel() {
        return precision == null ? "FP32" : precision.label();
    }

    /** The model file this candidate runs: the copy's, or {@code model} for FP32. */
    public java.nio.file.Path file(java.nio.file.Path model) {
        return precision == null ? model : precision.file();
    }

    private String precisionSuffix() {
        return precision == null ? "" : " · " + precision.label();
    }

    /** Whether it may be the winner. */
    public boolean eligible() {
        return status == Status.MEASURED && agrees && latency != null;
    }

    public double p50Ms() {
        return latency == null ? Double.NaN : latency.p50();
    }

    public double p99Ms() {
        return latency == null ? Double.NaN : latency.p99();
    }

    /** For narrow tables (the precision has a column of its own): "CPU · all · 2 threads · sequential (default)". */
    public String shortLabel() {
        return SessionConfig.describe(settings).replace("optimization ", "").replace(" intra-op thread", " thread")
                .replace("intra-op threads auto", "auto threads").replace(" inter-op thread", " inter-op")
                + (isDefault ? " (default)" : "");
    }

    /** "CPU · optimization all · 2 intra-op threads · sequential" (with "(default)" for the defaults). */
    public String label() {
        return SessionConfig.describe(settings) + precisionSuffix() + (isDefault ? " (default)" : "");
    }
}
