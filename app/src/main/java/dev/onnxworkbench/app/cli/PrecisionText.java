package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.HumanUnits;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.precision.LatencyComparison;
import dev.onnxworkbench.models.precision.LayerErrors;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The text blocks {@code quantize} and {@code convert} share: sizes, accuracy table, latency, per-layer error. */
final class PrecisionText {
    private PrecisionText() {
    }

    static void sizes(PrintWriter o, long before, long after, String precision) {
        o.printf(Locale.ROOT, "size: %s → %s (%s is %.0f %% of FP32)%n", HumanUnits.bytes(before), HumanUnits.bytes(after),
                precision, 100.0 * after / before);
    }

    static void accuracy(PrintWriter o, AccuracyReport a, String derived) {
        o.println("accuracy, " + derived + " against FP32 on " + a.set() + ":");
        o.printf(Locale.ROOT, "  %-28s %12s %12s %12s %12s%n", "output", "max |err|", "mean |err|", "mean |FP32|",
                "top-1 agree");
        for (AccuracyReport.OutputAccuracy out : a.outputs()) {
            o.printf(Locale.ROOT, "  %-28s %12s %12s %12s %12s%n", shorten(out.name(), 28), num(out.maxAbsError()),
                    num(out.meanAbsError()), num(out.referenceAbsMean()),
                    out.classifier() ? String.format(Locale.ROOT, "%.1f %%", 100 * out.top1Agreement()) : "—");
        }
        for (AccuracyReport.OutputAccuracy out : a.outputs()) {
            var b = out.boxes();
            if (b != null && b.referenceBoxes() + b.derivedBoxes() > 0) { // a map where neither finds a box: no line
                o.printf(Locale.ROOT, "  boxes in %s (probability > %.1f, mean ≥ %.1f, IoU ≥ %.1f): FP32 %d, %s %d, "
                                + "matched %d → F1 %s%n", out.name(), b.threshold(), b.boxThreshold(), b.iou(),
                        b.referenceBoxes(), derived, b.derivedBoxes(), b.matched(),
                        percent(b.f1()));
                o.printf(Locale.ROOT, "  the same boxes by DetEval (ICDAR 2013: a line found as words, or words as a "
                                + "line, counts %.1f): recall %s, precision %s → F1 %s%n",
                        AccuracyReport.BoxAgreement.SPLIT_MERGE_WEIGHT, percent(b.detEvalRecall()),
                        percent(b.detEvalPrecision()), percent(b.detEvalF1()));
            }
        }
        if (a.labels() != null) {
            var l = a.labels();
            if (l.detector()) {
                o.printf(Locale.ROOT, "  labels (%d pictures, %d boxes; DetEval F1 of the boxes in %s, unclipped as "
                                + "PaddleOCR's DB): FP32 %.1f %%, %s %.1f %% (%+.1f points)%n", l.rows(), l.boxes(),
                        l.output(), 100 * l.original(), derived, 100 * l.derived(), 100 * l.delta());
            } else {
                o.printf(Locale.ROOT, "  labels (%d rows, top-1 of %s): FP32 %.1f %%, %s %.1f %% (%+.1f points)%n",
                        l.rows(), l.output(), 100 * l.original(), derived, 100 * l.derived(), 100 * l.delta());
            }
        }
    }

    static void latency(PrintWriter o, LatencyComparison l, String derived, String provider, String explanation) {
        o.printf(Locale.ROOT, "latency on this machine (%s, same settings, %d interleaved runs each, p50 [min–max]): "
                        + "FP32 %.2f ms [%.2f–%.2f], %s %.2f ms [%.2f–%.2f] → %.2f× (CPU: %s)%n", provider,
                l.original().count(), l.original().p50(), l.original().min(), l.original().max(), derived,
                l.derived().p50(), l.derived().min(), l.derived().max(), l.ratio(), l.cpu());
        if (!explanation.isEmpty()) {
            o.println("  " + explanation);
        }
    }

    static void layers(PrintWriter o, DivergenceReport r, int limit, String sampleText) {
        List<TensorDivergence> sorted = LayerErrors.byMeanError(r);
        o.printf("per-layer error (%d shared tensors on %s, largest mean |err| first; --json lists more):%n",
                sorted.size(), sampleText);
        o.printf(Locale.ROOT, "  %-32s %-20s %12s %12s %12s %9s%n", "tensor", "op", "mean |err|", "max |err|",
                "mean |FP32|", "relative");
        for (int i = 0; i < Math.min(limit, sorted.size()); i++) {
            TensorDivergence t = sorted.get(i);
            o.printf(Locale.ROOT, "  %-32s %-20s %12s %12s %12s %9s%n", shorten(t.name(), 32),
                    shorten(t.opType(), 20), num(t.error().meanAbsError()), num(t.error().maxAbsError()),
                    num(t.error().meanAbsReference()), percent(t.error().relativeMeanError()));
        }
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f %%", 100 * fraction) : "—";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        return v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    static String shorten(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }
}
