package dev.onnxworkbench.models.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a report as CSV (one row per provider and batch size), JSON or Markdown. */
public final class BenchmarkExport {
    public enum Format {
        CSV("csv"), JSON("json"), MARKDOWN("md");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private static final String[] CSV_HEADER = {"provider", "label", "options", "available", "reason", "error",
            "batchSize", "shapes", "sessionCreateMs", "firstRunMs", "runs", "minMs", "meanMs", "stdMs", "p50Ms", "p90Ms", "p95Ms",
            "p99Ms", "maxMs", "throughputPerSec", "agreement", "nodePlacement"};

    private BenchmarkExport() {}

    public static void write(BenchmarkReport report, Format format, Path file) throws BenchmarkException {
        try {
            Files.writeString(file, render(report, format), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchmarkException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(BenchmarkReport report, Format format) {
        return switch (format) {
            case CSV -> csv(report);
            case JSON -> BenchmarkJson.write(report, true);
            case MARKDOWN -> markdown(report);
        };
    }

    static String csv(BenchmarkReport report) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (ProviderResult r : report.providers()) {
            if (r.batches().isEmpty()) {
                csvRow(out, r, null);
            }
            for (BatchResult b : r.batches()) {
                csvRow(out, r, b);
            }
        }
        return out.toString();
    }

    private static void csvRow(StringBuilder out, ProviderResult r, BatchResult b) {
        LatencyStats l = b == null ? null : b.latency();
        String[] cells = {ProviderVariant.cliName(r.variant().provider()), r.label(), r.variant().optionsText(),
                Boolean.toString(r.available()), nz(r.reason()), nz(r.error()), b == null ? "" : Integer.toString(b.batchSize()),
                b == null ? "" : b.shapes(), num(r.sessionCreateMs()), num(r.firstRunMs()), b == null ? "0" : Integer.toString(b.runs()),
                l == null ? "" : num(l.min()), l == null ? "" : num(l.mean()), l == null ? "" : num(l.std()),
                l == null ? "" : num(l.p50()), l == null ? "" : num(l.p90()), l == null ? "" : num(l.p95()),
                l == null ? "" : num(l.p99()), l == null ? "" : num(l.max()), b == null ? "" : num(b.throughputPerSec()),
                agreementText(r), r.placement().summary()};
        out.append(java.util.Arrays.stream(cells).map(BenchmarkExport::csvCell).collect(Collectors.joining(","))).append('\n');
    }

    static String markdown(BenchmarkReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Provider comparison: ").append(Path.of(report.model()).getFileName()).append("\n\n");
        var s = report.settings();
        md.append("- Machine: ").append(report.machine().summary()).append('\n');
        md.append("- Started: ").append(report.startedAt()).append('\n');
        md.append("- Runs: ").append(s.durationSeconds() == null ? s.timedRuns() + " timed" : s.durationSeconds() + " s per batch size")
                .append(", ").append(s.warmupRuns()).append(" warm-up; batch sizes ").append(s.batchSizes())
                .append("; inputs: ").append(s.inputs()).append('\n');
        for (var input : s.inputShapes()) {
            md.append("- Input: ").append(input).append('\n');
        }
        md.append("- Tolerances: abs ").append(s.tolerances().atol()).append(", rel ").append(s.tolerances().rtol()).append('\n');
        if (report.cancelled()) {
            md.append("- Cancelled before every provider finished.\n");
        }
        md.append("\n| Provider | Batch | Shapes | Create ms | First run ms | Runs | p50 ms | p90 ms | p99 ms | Mean ± std ms | Items/s | Agreement | Nodes |\n");
        md.append("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        for (ProviderResult r : report.providers()) {
            if (r.batches().isEmpty()) {
                md.append("| ").append(r.label()).append(" | | | | | | | | | | | ")
                        .append(mdCell(r.available() ? nz(r.error()) : "unavailable: " + r.reason())).append(" | |\n");
                continue;
            }
            for (BatchResult b : r.batches()) {
                LatencyStats l = b.latency();
                md.append("| ").append(r.label()).append(" | ").append(b.batchSize()).append(" | ")
                        .append(mdCell(b.shapes())).append(" | ").append(fixed(r.sessionCreateMs())).append(" | ").append(fixed(r.firstRunMs())).append(" | ")
                        .append(b.runs()).append(" | ").append(fixed(l.p50())).append(" | ").append(fixed(l.p90())).append(" | ")
                        .append(fixed(l.p99())).append(" | ").append(fixed(l.mean())).append(" ± ").append(fixed(l.std()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", b.throughputPerSec())).append(" | ")
                        .append(mdCell(agreementText(r))).append(" | ").append(mdCell(r.placement().summary())).append(" |\n");
            }
        }
        return md.toString();
    }

    /** "pass (identical)" / "pass (≤ 1.2e-06)" (largest absolute error) / "FAIL: out (max abs 0.3, rel 0.1)". */
    public static String agreementText(ProviderResult r) {
        if (r.agreement().isEmpty()) {
            return "";
        }
        double maxAbs = r.agreement().stream().mapToDouble(OutputAgreement::maxAbsError).filter(Double::isFinite).max().orElse(0);
        if (r.agrees()) {
            return maxAbs == 0 ? "pass (identical)" : String.format(Locale.ROOT, "pass (≤ %.1e)", maxAbs);
        }
        return "FAIL: " + r.agreement().stream().filter(a -> !a.pass())
                .map(a -> a.note() != null ? a.output() + " " + a.note()
                        : String.format(Locale.ROOT, "%s (max abs %.3g, rel %.3g)", a.output(), a.maxAbsError(), a.maxRelError()))
                .collect(Collectors.joining("; "));
    }

    static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
