package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.runs.PreparedDiff;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.optimize.OptimizationDiff;
import dev.onnxworkbench.models.optimize.OptimizedModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the optimizer did, laid over the structural diff's marks: the plain diff only knows "removed" and
 * "added", so original nodes that went away are badged <i>fused</i> (with the node that absorbed them),
 * <i>folded</i> (their output became a weight) or <i>removed</i>, and optimized nodes that replaced several
 * originals carry "⊃n" with the list. Built off the FX thread; {@link #applyTo} only merges maps.
 */
record OptimizationMarks(List<Mark> original, List<Mark> optimized) {
    /**
     * One box's overlay; {@code outline} null keeps the diff's outline (or marks CHANGED where it had none),
     * {@link Outline#NONE} clears what the diff drew there.
     */
    record Mark(String id, Outline outline, boolean dashed, String badge, String tooltip) {}

    static OptimizationMarks of(OptimizedModel m, PreparedDiff prepared) {
        var summary = m.summary();
        List<Node> before = m.original().graph().nodes();
        List<Node> after = m.optimized().graph().nodes();
        Map<String, Node> optimizedByName = new HashMap<>();
        after.forEach(n -> optimizedByName.putIfAbsent(n.name(), n));
        Map<String, String> absorber = new HashMap<>(); // original node name -> optimized node that took it in
        summary.absorbedBy().forEach((into, names) -> names.forEach(name -> {
            if (!name.equals(into)) {
                absorber.putIfAbsent(name, into);
            }
        }));
        Set<String> weightsAfter = new HashSet<>();
        for (Tensor t : m.optimized().graph().initializers()) {
            weightsAfter.add(t.name());
        }

        List<Mark> left = new ArrayList<>(constantsFolded(m, prepared));
        for (int i = 0; i < before.size(); i++) {
            Node n = before.get(i);
            String id = prepared.idOfNodeA(i);
            // A Constant is drawn inside the box that reads it; marking it would mislabel that box.
            if (id == null || n.opType().equals("Constant")) {
                continue;
            }
            String into = absorber.get(n.name());
            // The structural diff may pair a fused node by position with an unrelated new one (a Relu with a
            // ReorderOutput at level all); the optimizer's own account says it was fused, so that wins.
            if (into == null && prepared.report().matchOfA(i) >= 0) {
                continue;
            }
            if (into != null) {
                Node target = optimizedByName.get(into);
                // At level all the fusions are named as level extended made them; the last step may rewrite
                // that node again (a FusedConv into an NCHWc Conv), so it need not be in the final graph.
                String op = target != null ? " (" + OptimizationDiff.qualifiedOp(target) + ")"
                        : summary.levelAll() != null ? " at level extended, which level all then rewrote" : "";
                left.add(new Mark(id, Outline.REMOVED, false, "fused", "fused into " + into + op));
            } else if (n.outputs().stream().anyMatch(weightsAfter::contains)) {
                left.add(new Mark(id, Outline.REMOVED, true, "folded",
                        "constant-folded: its output is a weight of the optimized graph"));
            } else {
                left.add(new Mark(id, Outline.REMOVED, true, "removed",
                        "eliminated by the optimizer (no effect on the outputs)"));
            }
        }

        List<Mark> right = new ArrayList<>();
        for (int j = 0; j < after.size(); j++) {
            Node n = after.get(j);
            List<String> absorbed = summary.absorbedBy().get(n.name());
            String id = prepared.idOfNodeB(j);
            if (id == null || absorbed == null || absorbed.size() < 2) {
                continue;
            }
            right.add(new Mark(id, null, false, "⊃" + absorbed.size(),
                    OptimizationDiff.qualifiedOp(n) + " replaces " + String.join(", ", absorbed)));
        }
        return new OptimizationMarks(List.copyOf(left), List.copyOf(right));
    }

    /**
     * Weights held in Constant nodes become initializers: the diff calls each such Constant removed and, as a
     * Constant is drawn inside the box that reads it, marks that box removed though its node is kept. Those
     * boxes get back their own node's status (clear, or changed); a reader that did go is marked afterwards.
     */
    private static List<Mark> constantsFolded(OptimizedModel m, PreparedDiff prepared) {
        var report = prepared.report();
        Map<Integer, ModelDiffReport.NodeChange> changeOfA = new HashMap<>();
        for (ModelDiffReport.NodeChange c : report.nodes()) {
            if (c.indexA() >= 0) {
                changeOfA.put(c.indexA(), c);
            }
        }
        List<Node> before = m.original().graph().nodes();
        Set<String> done = new HashSet<>();
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            String id = prepared.idOfNodeA(i);
            int reader = id == null ? -1 : prepared.indexOfA(id);
            if (!before.get(i).opType().equals("Constant") || reader < 0 || reader == i
                    || report.matchOfA(reader) < 0 || !done.add(id)) {
                continue;
            }
            ModelDiffReport.NodeChange own = changeOfA.get(reader);
            marks.add(own == null || own.status() != ModelDiffReport.Status.CHANGED
                    ? new Mark(id, Outline.NONE, false, "", "")
                    : new Mark(id, Outline.CHANGED, false, "changed", "changed: " + String.join("; ", own.changes())));
        }
        return marks;
    }

    /** Merges the marks into what the diff already drew on each side (FX thread). */
    void applyTo(GraphView originalGraph, GraphView optimizedGraph) {
        originalGraph.setDecorations(merge(originalGraph.getDecorations(), original));
        optimizedGraph.setDecorations(merge(optimizedGraph.getDecorations(), optimized));
    }

    static Decorations merge(Decorations drawn, List<Mark> marks) {
        Decorations.Builder b = drawn.toBuilder();
        for (Mark mark : marks) {
            if (mark.outline() == Outline.NONE) {
                b.clearNode(mark.id());
                continue;
            }
            NodeDecoration now = drawn.node(mark.id());
            Outline outline = mark.outline() != null ? mark.outline()
                    : now == null || now.outline() == Outline.NONE ? Outline.CHANGED : now.outline();
            boolean dashed = mark.outline() != null ? mark.dashed() : now != null && now.dashed();
            b.outline(mark.id(), outline, dashed).badge(mark.id(), mark.badge()).nodeTooltip(mark.id(), mark.tooltip());
        }
        return b.build();
    }
}
