package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.bench.BatchResult;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.HumanUnits;
import dev.onnxworkbench.models.bench.ModelPrecision;
import java.util.Locale;

/** The plain-text table {@code bench} prints without {@code --json}. */
final class BenchTable {
    private BenchTable() {}

    static String render(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Model:   ").append(report.model()).append('\n');
        out.append("Machine: ").append(report.machine().summary()).append('\n');
        for (var input : report.settings().inputShapes()) {
            out.append("Input:   ").append(input).append('\n');
        }
        if (report.settings().batchSizes().size() > 1) {
            out.append("Batch sweep: ").append(report.settings().batchSizes())
                    .append(" (only the batch dimension changes)\n");
        }
        boolean axis = report.hasPrecisionAxis();
        if (axis) {
            precisions(out, report);
        }
        out.append('\n');
        int w = Math.max(22, report.providers().stream().mapToInt(r -> r.label().length()).max().orElse(0));
        String name = "%-" + w + "s";
        out.append(String.format(Locale.ROOT, name + " %5s %10s %10s %6s %9s %9s %9s %9s %9s %11s%s%n",
                "provider", "batch", "create ms", "first ms", "runs", "p50 ms", "p90 ms", "p99 ms", "mean ms", "std ms",
                "items/s", axis ? "   × FP32" : ""));
        for (ProviderResult r : report.providers()) {
            if (!r.available()) {
                out.append(String.format(Locale.ROOT, name + " unavailable: %s%n", r.label(), r.reason()));
                continue;
            }
            double ratio = report.ratioToFp32(r);
            for (BatchResult b : r.batches()) {
                LatencyStats l = b.latency();
                out.append(String.format(Locale.ROOT, name + " %5d %10.1f %10.3f %6d %9.3f %9.3f %9.3f %9.3f %9.3f %11.1f%s%n",
                        r.label(), b.batchSize(), r.sessionCreateMs(), r.firstRunMs(), b.runs(), l.p50(), l.p90(),
                        l.p99(), l.mean(), l.std(), b.throughputPerSec(),
                        axis && b == r.batches().getFirst() && Double.isFinite(ratio)
                                ? String.format(Locale.ROOT, " %8.2f×", ratio) : ""));
            }
            if (r.error() != null) {
                out.append(String.format(Locale.ROOT, name + " %s%n", r.label(), r.error()));
            }
            String agreement = BenchmarkExport.agreementText(r);
            if (!agreement.isEmpty() || !r.placement().isEmpty()) {
                out.append(String.format(Locale.ROOT, name + " %s: %s; nodes: %s%n", "",
                        axis ? "agreement with FP32" : "agreement", agreement.isEmpty() ? "-" : agreement,
                        r.placement().isEmpty() ? "-" : r.placement().summary()));
            }
            String why = report.whySlower(r);
            if (!why.isEmpty()) {
                out.append(String.format(Locale.ROOT, name + " %s%n", "", why));
            }
            if (r.baseline() != null) {
                out.append(String.format(Locale.ROOT, name + " bare ORT loop p50 %.3f ms; harness overhead %.2f µs/run%n", "",
                        r.baseline().bareLoopP50Ms(), r.baseline().harnessOverheadUsPerRun()));
            }
        }
        if (report.cancelled()) {
            out.append("(cancelled)\n");
        }
        return out.toString();
    }

    /** "Precision: INT8 static (QDQ)  1.2 MB (27 % of FP32)  INT8 static copy … ; CPU: AVX-512 VNNI; format QDQ …". */
    private static void precisions(StringBuilder out, BenchmarkReport report) {
        java.util.Map<String, ModelPrecision> seen = new java.util.LinkedHashMap<>();
        report.providers().stream().map(ProviderResult::precision).filter(java.util.Objects::nonNull)
                .forEach(p -> seen.putIfAbsent(p.name(), p));
        long fp32 = seen.values().stream().filter(ModelPrecision::isOriginal).mapToLong(ModelPrecision::bytes)
                .findFirst().orElse(0);
        for (ModelPrecision p : seen.values()) {
            out.append(String.format(Locale.ROOT, "Precision: %-18s %10s%s  %s%n", p.label(), HumanUnits.bytes(p.bytes()),
                    fp32 > 0 && !p.isOriginal() ? String.format(Locale.ROOT, " (%.0f %% of FP32)", 100.0 * p.bytes() / fp32) : "",
                    p.origin()));
            if (p.int8() != null) {
                out.append("           ").append(p.int8().summary()).append('\n');
            }
        }
    }
}
