package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.models.flops.ModelCosts;
import dev.onnxworkbench.models.flops.NodeCost;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.profile.NodeProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import dev.onnxworkbench.graphview.render.Palette;
import javafx.scene.paint.Color;

/**
 * Per-node profile results as graph decorations: a heat tint by time share with a millisecond badge,
 * a tint by execution provider, or a tint by FLOPs with a FLOPs badge. Tints are translucent so the box
 * text stays readable in both themes; the hottest node gets the strongest colour.
 */
final class ProfileOverlay {
    /** Heat is the theme's warning colour; each provider has a theme colour of its own. */
    private static Color heatColour(Palette palette) {
        return palette.get("outline-warning");
    }

    private static Color providerColour(Palette palette, String provider) {
        return switch (provider) {
            case "CPU" -> palette.get("selection");
            case "CUDA" -> palette.get("outline-added");
            case "TensorRT" -> palette.get("category-ml");
            default -> palette.get("edge");
        };
    }

    private ProfileOverlay() {}

    static Decorations time(MappedGraph graph, List<NodeProfile> rows, Palette palette) {
        return heat(graph, rows, palette, NodeProfile::totalMs, r -> HumanUnits.millis(r.meanMs()), r -> String.format(Locale.ROOT,
                "%s (%s)%n%s per call, %d calls, %s of node time%non %s", r.name(), r.opType(),
                HumanUnits.millis(r.meanMs()), r.calls(), Numbers.percent(r.share()), r.provider()));
    }

    static Decorations flops(MappedGraph graph, List<NodeProfile> rows, Palette palette) {
        List<NodeProfile> known = rows.stream().filter(r -> r.flops() >= 0).toList();  // per call, from the trace's shapes
        return heat(graph, known, palette, NodeProfile::flops, r -> Numbers.flops(r.flops()), r -> String.format(Locale.ROOT,
                "%s (%s)%n%s per call", r.name(), r.opType(), Numbers.flops(r.flops())));
    }

    /** FLOPs from an inspected run's actual shapes, per box of the top-level graph. */
    static Decorations flops(MappedGraph graph, ModelCosts costs, Palette palette) {
        java.util.IdentityHashMap<Node, String> ids = new java.util.IdentityHashMap<>();
        graph.nodesById().forEach((id, node) -> ids.put(node, id));
        var nodes = graph.graph().nodes();
        double peak = 0;
        for (int i = 0; i < nodes.size() && i < costs.nodes().size(); i++) {
            peak = Math.max(peak, costs.node(i).flops());
        }
        Decorations.Builder b = Decorations.builder();
        for (int i = 0; i < nodes.size() && i < costs.nodes().size(); i++) {
            NodeCost cost = costs.node(i);
            String id = ids.get(nodes.get(i));
            if (id == null || !cost.flopsKnown() || cost.flops() == 0 || peak <= 0) {
                continue;
            }
            double heat = Math.sqrt(cost.flops() / peak);
            b.fill(id, heatColour(palette).deriveColor(0, 1, 1, 0.08 + 0.55 * heat)).badge(id, Numbers.flops(cost.flops()))
                    .nodeTooltip(id, nodes.get(i).opType() + ": " + Numbers.flops(cost.flops()) + " per run");
        }
        return b.build();
    }

    static Decorations provider(MappedGraph graph, List<NodeProfile> rows, Palette palette) {
        Map<String, String> ids = idsByName(graph, rows);
        Decorations.Builder b = Decorations.builder();
        for (NodeProfile r : rows) {
            String id = ids.get(r.name());
            if (id != null) {
                Color c = providerColour(palette, r.provider());
                b.fill(id, c.deriveColor(0, 1, 1, 0.35)).badge(id, r.provider())
                        .nodeTooltip(id, r.name() + " ran on " + r.provider());
            }
        }
        return b.build();
    }

    private static Decorations heat(MappedGraph graph, List<NodeProfile> rows, Palette palette,
                                    ToDoubleFunction<NodeProfile> measure,
                                    java.util.function.Function<NodeProfile, String> badge,
                                    java.util.function.Function<NodeProfile, String> tooltip) {
        Map<String, String> ids = idsByName(graph, rows);
        double peak = rows.stream().mapToDouble(measure).max().orElse(0);
        Decorations.Builder b = Decorations.builder();
        for (NodeProfile r : rows) {
            String id = ids.get(r.name());
            if (id == null || peak <= 0) {
                continue;
            }
            double heat = Math.sqrt(measure.applyAsDouble(r) / peak); // sqrt: small nodes still show a tint
            b.fill(id, heatColour(palette).deriveColor(0, 1, 1, 0.08 + 0.55 * heat)).badge(id, badge.apply(r))
                    .nodeTooltip(id, tooltip.apply(r));
        }
        return b.build();
    }

    /**
     * Profile node name → diagram id of its box. ONNX Runtime reports the nodes it ran: most keep the
     * file's names, but optimized nodes get new ones — a Conv fused with its Relu in the NCHWc layout
     * runs as "relu1_out_nchwc", named after the tensor it produces. So a name not found as is goes to
     * the longest node name or tensor name it contains (a tensor stands for its producer), and from
     * there up the producers to the first node of the profiled operator (the fusion's Conv, not its Relu).
     */
    static Map<String, String> idsByName(MappedGraph graph, List<NodeProfile> rows) {
        Map<String, String> byName = new HashMap<>();
        for (Map.Entry<String, Node> e : graph.nodesById().entrySet()) {
            if (!e.getValue().name().isEmpty()) {
                byName.putIfAbsent(e.getValue().name(), e.getKey());
            }
        }
        Map<String, String> ids = new HashMap<>();
        for (NodeProfile row : rows) {
            String id = byName.get(row.name());
            if (id == null) {
                id = containedNameOrTensor(graph, byName, row.name());
                id = id == null ? null : upToOperator(graph, id, row.opType());
            }
            if (id != null) {
                ids.put(row.name(), id);
            }
        }
        return ids;
    }

    private static String containedNameOrTensor(MappedGraph graph, Map<String, String> byName, String profiled) {
        String best = null;
        String bestId = null;
        for (Map.Entry<String, String> e : byName.entrySet()) {
            if (profiled.contains(e.getKey()) && (best == null || e.getKey().length() > best.length())) {
                best = e.getKey();
                bestId = e.getValue();
            }
        }
        for (Map.Entry<String, String> e : graph.producerId().entrySet()) {
            if (profiled.contains(e.getKey()) && graph.nodesById().containsKey(e.getValue())
                    && (best == null || e.getKey().length() > best.length())) {
                best = e.getKey();
                bestId = e.getValue();
            }
        }
        return bestId;
    }

    /** From a box up its first inputs' producers (a few steps) to one whose operator the profile names. */
    private static String upToOperator(MappedGraph graph, String id, String profiledOp) {
        String at = id;
        for (int step = 0; step < 4 && at != null; step++) {
            Node node = graph.nodesById().get(at);
            if (node == null) {
                return id;
            }
            if (profiledOp.endsWith(node.opType())) {
                return at;
            }
            String input = node.inputs().isEmpty() ? null : node.inputs().getFirst();
            at = input == null ? null : graph.producerOf(input).filter(graph.nodesById()::containsKey).orElse(null);
        }
        return id;
    }
}
