package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.HumanUnits;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.bench.ProviderResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The precision axis in words: each precision's file (size against FP32, how it was made), the facts that decide
 * INT8's speed here (the CPU's dot-product instructions, the format, Q/DQ nodes ONNX Runtime left unfused), and for
 * every INT8 row slower than FP32 at the same settings, why.
 */
final class PrecisionNotes extends VBox {
    private final Label placeholder = new Label("Tick FP16 or INT8 under Precision and press Run: each precision's "
            + "size, how it was made and, for INT8, what decides its speed on this machine appear here.");

    PrecisionNotes() {
        super(6);
        getStyleClass().add("precision-notes");
        setId("compare-precision-notes");
        placeholder.getStyleClass().add("muted");
        placeholder.setWrapText(true);
        getChildren().setAll(placeholder);
    }

    void show(List<ProviderResult> rows) {
        Map<String, ModelPrecision> seen = new LinkedHashMap<>();
        rows.stream().map(ProviderResult::precision).filter(Objects::nonNull).forEach(p -> seen.putIfAbsent(p.name(), p));
        if (seen.isEmpty()) {
            getChildren().setAll(placeholder);
            return;
        }
        getChildren().clear();
        long fp32 = seen.values().stream().filter(ModelPrecision::isOriginal).mapToLong(ModelPrecision::bytes)
                .findFirst().orElse(0);
        for (ModelPrecision p : seen.values()) {
            Label head = wrapped(p.label() + " · " + HumanUnits.bytes(p.bytes())
                    + (fp32 > 0 && !p.isOriginal() ? String.format(Locale.ROOT, " (%.0f %% of FP32)", 100.0 * p.bytes() / fp32)
                    : "") + " · " + p.origin());
            head.getStyleClass().add("precision-head");
            getChildren().add(head);
            if (p.int8() != null) {
                Label facts = wrapped(p.int8().summary());
                facts.getStyleClass().add("muted");
                getChildren().add(facts);
            }
        }
        for (ProviderResult r : rows) {
            String why = BenchmarkReport.whySlower(rows, r);
            if (!why.isEmpty()) {
                Label slower = wrapped(r.label() + ": " + why);
                slower.getStyleClass().add("precision-slower");
                getChildren().add(slower);
            }
        }
    }

    /** The why-slower lines alone, for the line under the results table; empty when no INT8 row is slower. */
    static String slowerSummary(List<ProviderResult> rows) {
        StringBuilder s = new StringBuilder();
        for (ProviderResult r : rows) {
            String why = BenchmarkReport.whySlower(rows, r);
            if (!why.isEmpty()) {
                s.append(s.isEmpty() ? "" : "\n").append(r.label()).append(": ").append(why);
            }
        }
        return s.toString();
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
