package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionConfig;
import java.util.Locale;

/**
 * One setting the tuner tried, with what it measured.
 *
 * @param latency     the search's timed runs, or null when none ran
 * @param agrees      outputs within tolerance of the CPU reference (false when not compared)
 * @param maxAbsError largest difference from the reference over all outputs (NaN when not compared)
 * @param reason      why it is unavailable, failed, disagrees or was skipped; null when measured and agreeing
 */
public record Candidate(ProviderSettings settings, boolean isDefault, Status status, String reason, LatencyStats latency,
                        boolean agrees, double maxAbsError, double sessionCreateMs) {

    /** What became of a candidate. */
    public enum Status {
        /** timed, outputs agree: may win */
        MEASURED,
        /** timed, but outputs differ from the CPU reference: never wins */
        DISAGREES,
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
        return new Candidate(settings, isDefault, status, reason, null, false, Double.NaN, Double.NaN);
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

    /** For narrow tables: "CPU · all · 2 threads · sequential (default)". */
    public String shortLabel() {
        return SessionConfig.describe(settings).replace("optimization ", "").replace(" intra-op thread", " thread")
                .replace("intra-op threads auto", "auto threads").replace(" inter-op thread", " inter-op")
                + (isDefault ? " (default)" : "");
    }

    /** "CPU · optimization all · 2 intra-op threads · sequential" (with "(default)" for the defaults). */
    public String label() {
        return SessionConfig.describe(settings) + (isDefault ? " (default)" : "");
    }
}
