package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.bench.BatchResult;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.bench.ProviderResult;
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
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-22s %5s %10s %10s %6s %9s %9s %9s %9s %9s %11s%n",
                "provider", "batch", "create ms", "first ms", "runs", "p50 ms", "p90 ms", "p99 ms", "mean ms", "std ms", "items/s"));
        for (ProviderResult r : report.providers()) {
            if (!r.available()) {
                out.append(String.format(Locale.ROOT, "%-22s unavailable: %s%n", r.variant().label(), r.reason()));
                continue;
            }
            for (BatchResult b : r.batches()) {
                LatencyStats l = b.latency();
                out.append(String.format(Locale.ROOT, "%-22s %5d %10.1f %10.3f %6d %9.3f %9.3f %9.3f %9.3f %9.3f %11.1f%n",
                        r.variant().label(), b.batchSize(), r.sessionCreateMs(), r.firstRunMs(), b.runs(), l.p50(), l.p90(),
                        l.p99(), l.mean(), l.std(), b.throughputPerSec()));
            }
            if (r.error() != null) {
                out.append(String.format(Locale.ROOT, "%-22s %s%n", r.variant().label(), r.error()));
            }
            String agreement = BenchmarkExport.agreementText(r);
            if (!agreement.isEmpty() || !r.placement().isEmpty()) {
                out.append(String.format(Locale.ROOT, "%-22s agreement: %s; nodes: %s%n", "", agreement.isEmpty() ? "-" : agreement,
                        r.placement().isEmpty() ? "-" : r.placement().summary()));
            }
            if (r.baseline() != null) {
                out.append(String.format(Locale.ROOT, "%-22s bare ORT loop p50 %.3f ms; harness overhead %.2f µs/run%n", "",
                        r.baseline().bareLoopP50Ms(), r.baseline().harnessOverheadUsPerRun()));
            }
        }
        if (report.cancelled()) {
            out.append("(cancelled)\n");
        }
        return out.toString();
    }
}
