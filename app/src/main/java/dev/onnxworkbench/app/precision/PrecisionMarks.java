package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.app.runs.ErrorHeat;
import dev.onnxworkbench.app.runs.NodeIds;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.graphview.render.Palette;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.precision.QuantizationReport;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Quantize / Convert result drawn on the original model's graph (the quantizer keeps the original node and
 * tensor names, so every box of the original has its counterpart): quantized nodes badged "int8", nodes kept in
 * float outlined with the reason as their tooltip (solid: kept by you; dashed: kept by the quantizer), nodes you
 * clicked since the run outlined as "to keep", and each layer's error against the original as heat
 * ({@link ErrorHeat}). The same decorations go on the Quantize window's graph and on the main window's.
 */
public final class PrecisionMarks {
    /**
     * Heat spans this many decades below the largest relative error; smaller errors are drawn coolest. The heat is
     * mean |error| ÷ mean |original| per tensor: an absolute error of 60 on the detector's neck (values in the
     * hundreds) drew hotter than 30 % errors on its backbone (values near 1), pointing away from where it began.
     */
    private static final double DECADES = 1e-4;

    private PrecisionMarks() {}

    private static String percent(double share) {
        return !Double.isFinite(share) ? "—" : share >= 0.1 ? String.format(java.util.Locale.ROOT, "%.0f %%", 100 * share)
                : String.format(java.util.Locale.ROOT, "%.2g %%", 100 * share);
    }

    /** The node's name as the quantizer's {@code --exclude} and its report take it: its name, else its first output. */
    public static String key(Node node) {
        return node.name().isEmpty() ? (node.outputs().isEmpty() ? node.opType() : node.outputs().getFirst())
                : node.name();
    }

    /**
     * @param pending what the "Keep in float" list holds now (node names, output names, operator types): may
     *                differ from what the result ran with until the next run
     */
    public static Decorations of(PrecisionResult r, Set<String> pending, NodeIds ids, Palette palette) {
        if (r == null || ids == null) {
            return Decorations.NONE;
        }
        Set<String> quantized = new HashSet<>(r.quantizedNodes());
        Set<String> ranExcluded = new HashSet<>(r.excluded());
        Map<String, String> keptReasons = new LinkedHashMap<>();
        for (QuantizationReport.Kept k : r.kept()) {
            keptReasons.merge(k.opType(), k.reason(), (a, b) -> a + "; " + b);
        }
        String lowPrecision = r.mode() == PrecisionMode.FP16 ? "fp16" : "int8";
        Decorations.Builder b = Decorations.builder();
        for (Map.Entry<String, Node> e : ids.mapped().nodesById().entrySet()) {
            Node node = e.getValue();
            String key = key(node);
            boolean nowKept = pending.contains(key) || pending.contains(node.opType());
            boolean ranKept = ranExcluded.contains(key) || ranExcluded.contains(node.opType());
            NodeDecoration d;
            if (ranKept && nowKept) {
                d = NodeDecoration.outline(Outline.HIGHLIGHT).withBadge("float")
                        .withTooltip("Kept in float by you. Click to quantize it again on the next run.");
            } else if (nowKept) {
                d = NodeDecoration.outline(Outline.HIGHLIGHT).withOutline(Outline.HIGHLIGHT, true)
                        .withBadge("→ float").withTooltip("Will stay in float when you re-quantize. Click to undo.");
            } else if (quantized.contains(key) || r.mode() == PrecisionMode.FP16 && !keptReasons.containsKey(
                    node.opType())) {
                d = NodeDecoration.badge(lowPrecision).withTooltip((ranKept ? "Will be quantized again when you "
                        + "re-quantize. " : "") + (r.mode() == PrecisionMode.FP16 ? "Converted to FP16."
                        : "Quantized to INT8.") + " Click to keep it in float on the next run.");
            } else if (keptReasons.containsKey(node.opType())) {
                d = NodeDecoration.outline(Outline.WARNING).withOutline(Outline.WARNING, true).withBadge("float")
                        .withTooltip("Kept in float: " + keptReasons.get(node.opType()));
            } else {
                continue;
            }
            b.node(e.getKey(), d);
        }
        List<TensorDivergence> layers = r.layers();
        double max = layers.stream().mapToDouble(t -> t.error().relativeMeanError()).filter(Double::isFinite).max()
                .orElse(0);
        Map<String, NodeDecoration> marks = b.build().nodes();
        Decorations.Builder heat = ErrorHeat.tint(Decorations.builder(), layers, t -> ids.idOfTensor(t.nameB()),
                t -> t.error().relativeMeanError(), max * DECADES, "mean |error| ÷ mean |original|",
                PrecisionMarks::percent, palette);
        Map<String, NodeDecoration> tinted = heat.build().nodes();
        Decorations.Builder all = Decorations.builder();
        marks.forEach(all::node);
        tinted.forEach((id, h) -> all.updateNode(id, d -> d.withFill(h.fill())
                .withBadge(d.badge().isEmpty() ? h.badge() : d.badge() + " · " + h.badge())
                .withTooltip(d.tooltip().isEmpty() ? h.tooltip() : h.tooltip() + "\n" + d.tooltip())));
        return all.build();
    }
}
