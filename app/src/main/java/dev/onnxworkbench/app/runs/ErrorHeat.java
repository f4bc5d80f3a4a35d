package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.scene.paint.Color;

/**
 * Error drawn on a graph as heat: every box whose tensor is tinted by how large its error is (log scale from a
 * floor to the largest error, the theme's search-hit yellow to its error red), with the error as a badge. The
 * divergence finder draws the failing tensors of a run with the first divergent node outlined ({@link #of}); the
 * Quantize window draws every layer's error against the original ({@link #tint}).
 */
public final class ErrorHeat {

    private ErrorHeat() {
    }

    /** Heat from the theme's search-hit yellow (small errors) to its error red (the largest), via {@code palette}. */
    static Decorations of(DivergenceReport report, NodeIds ids, dev.onnxworkbench.graphview.render.Palette palette) {
        List<TensorDivergence> failing = report.tensors().stream().filter(t -> !t.pass()).toList();
        Decorations.Builder b = tint(Decorations.builder(), failing, t -> ids.idOfTensor(t.name()),
                ErrorHeat::maxAbs, report.options().tolerance().atol(), "max abs error", palette);
        Decorations heat = b.build();
        String first = report.firstDivergent().map(t -> ids.idOfTensor(t.name())).orElse(null);
        if (first == null || heat.node(first) == null) {
            return heat;
        }
        return heat.toBuilder().updateNode(first, d -> d.withOutline(Outline.ERROR, false)
                .withBadge("first · " + d.badge())).build();
    }

    /**
     * Tints the box of each tensor ({@code boxOf}; null: not drawn) by {@code error}: the worst tensor per box
     * counts, 0 at {@code floor} (or below), 1 at the largest error; badge "Δ …" and a tooltip naming the tensor.
     */
    public static Decorations.Builder tint(Decorations.Builder b, List<TensorDivergence> tensors,
                                           Function<TensorDivergence, String> boxOf,
                                           ToDoubleFunction<TensorDivergence> error, double floor, String what,
                                           dev.onnxworkbench.graphview.render.Palette palette) {
        return tint(b, tensors, boxOf, error, floor, what, ErrorHeat::short3, palette);
    }

    /** As {@link #tint}, the error written by {@code format} (a share as "78 %", say). */
    public static Decorations.Builder tint(Decorations.Builder b, List<TensorDivergence> tensors,
                                           Function<TensorDivergence, String> boxOf,
                                           ToDoubleFunction<TensorDivergence> error, double floor, String what,
                                           java.util.function.DoubleFunction<String> format,
                                           dev.onnxworkbench.graphview.render.Palette palette) {
        Color cool = palette.get("search-hit");
        Color hot = palette.get("outline-error");
        Map<String, TensorDivergence> worstById = new HashMap<>();
        double max = 0;
        for (TensorDivergence t : tensors) {
            String id = boxOf.apply(t);
            if (id == null) {
                continue;
            }
            worstById.merge(id, t, (x, y) -> error.applyAsDouble(x) >= error.applyAsDouble(y) ? x : y);
            max = Math.max(max, finite(error.applyAsDouble(t)));
        }
        double low = Math.max(floor, 1e-12);
        for (Map.Entry<String, TensorDivergence> e : worstById.entrySet()) {
            TensorDivergence t = e.getValue();
            double v = error.applyAsDouble(t);
            double heat = heat(finite(v), low, Math.max(max, low));
            Color fill = cool.interpolate(hot, heat).deriveColor(0, 1, 1, 0.55);
            b.updateNode(e.getKey(), d -> d.withFill(fill).withBadge("Δ " + format.apply(v))
                    .withTooltip(t.name() + ": " + what + " " + format.apply(v) + ", " + t.error().failing() + " of "
                            + t.error().elements() + " elements fail"));
        }
        return b;
    }

    private static double maxAbs(TensorDivergence t) {
        return t.error().maxAbsError();
    }

    private static double finite(double v) {
        return Double.isNaN(v) ? 0 : Double.isInfinite(v) ? Double.MAX_VALUE : v;
    }

    /** 0 at the tolerance, 1 at the largest error, logarithmic in between. */
    static double heat(double error, double floor, double max) {
        if (error <= floor || max <= floor) {
            return error > floor ? 1 : 0;
        }
        double span = Math.log10(Math.min(max, 1e30)) - Math.log10(floor);
        return span <= 0 ? 1 : Math.clamp((Math.log10(Math.min(error, 1e30)) - Math.log10(floor)) / span, 0, 1);
    }

    /** Three significant digits, "–" for NaN and "∞" for infinities: how errors read on a badge or in a table. */
    public static String short3(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.3g", v);
    }
}
