package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The divergence drawn on model A's graph: the first divergent node outlined as an error, and every box whose
 * output fails tinted by how large its error is (log scale from atol to the largest error), with the error as a
 * badge. Boxes whose outputs agree stay as they are.
 */
final class ErrorHeat {

    private ErrorHeat() {
    }

    /** Heat from the theme's search-hit yellow (small errors) to its error red (the largest), via {@code palette}. */
    static Decorations of(DivergenceReport report, NodeIds ids, dev.onnxworkbench.graphview.render.Palette palette) {
        Color cool = palette.get("search-hit");
        Color hot = palette.get("outline-error");
        Map<String, TensorDivergence> worstById = new HashMap<>();
        double max = 0;
        for (TensorDivergence t : report.tensors()) {
            if (t.pass()) {
                continue;
            }
            String id = ids.idOfTensor(t.name());
            if (id == null) {
                continue;
            }
            worstById.merge(id, t, (x, y) -> error(x) >= error(y) ? x : y);
            max = Math.max(max, finite(error(t)));
        }
        double floor = Math.max(report.options().tolerance().atol(), 1e-12);
        Decorations.Builder b = Decorations.builder();
        String firstId = report.firstDivergent().map(t -> ids.idOfTensor(t.name())).orElse(null);
        for (Map.Entry<String, TensorDivergence> e : worstById.entrySet()) {
            TensorDivergence t = e.getValue();
            double heat = heat(finite(error(t)), floor, Math.max(max, floor));
            Color fill = cool.interpolate(hot, heat).deriveColor(0, 1, 1, 0.55);
            NodeDecoration d = NodeDecoration.fill(fill).withBadge("Δ " + short3(error(t)))
                    .withTooltip(t.name() + ": max abs error " + short3(error(t)) + ", " + t.error().failing()
                            + " of " + t.error().elements() + " elements fail");
            if (e.getKey().equals(firstId)) {
                d = d.withOutline(Outline.ERROR, false).withBadge("first · Δ " + short3(error(t)));
            }
            b.node(e.getKey(), d);
        }
        return b.build();
    }

    private static double error(TensorDivergence t) {
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

    static String short3(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.3g", v);
    }
}
