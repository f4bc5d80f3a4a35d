package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.runs.NodeIds;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.diff.ModelDiffReport.NodeChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.PropertyChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.Status;
import dev.onnxworkbench.models.diff.ModelDiffReport.WeightChange;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.paint.Color;

/**
 * The parts of an edited draft that differ from the original, as marks on the draft's graph: boxes added
 * (and new model outputs), boxes changed (attributes, inputs, weights, a renamed or reshaped input), boxes next
 * to a deleted node (dashed), and tensors that are new or renamed (a thicker edge in the "changed" colour).
 * Built from the structural diff of the original and the draft ({@link ModelDiffReport}). Badges are one sign
 * (+ added, Δ changed, − next to a deletion) so they fit small boxes; the tooltip says what changed.
 */
public final class EditMarks {
    private EditMarks() {
    }

    /**
     * The marks for the draft's top-level graph as shown ({@code shown}); {@code original} is the model before the
     * edits, {@code tensorColour} the graph palette's colour for changed parts.
     */
    public static Decorations of(ModelDiffReport changes, Graph original, MappedGraph shown, Color tensorColour) {
        NodeIds ids = new NodeIds(shown);
        Decorations.Builder marks = Decorations.builder();
        Map<String, Outline> marked = new HashMap<>();
        for (NodeChange n : changes.nodes()) {
            String id = ids.idOfNode(n.indexB());
            if (id == null || n.status() == Status.REMOVED) {
                continue;
            }
            boolean added = n.status() == Status.ADDED;
            mark(marks, marked, id, added ? Outline.ADDED : Outline.CHANGED, false, added ? "+" : "Δ",
                    added ? "added by the edits" : "changed: " + String.join("; ", n.changes()));
        }
        for (WeightChange w : changes.weights()) {
            String id = w.shapeB() == null ? null : ids.idOfWeight(w.nameB() == null ? w.name() : w.nameB());
            if (id != null && !marked.containsKey(id)) {
                mark(marks, marked, id, Outline.CHANGED, false, "Δ", "weight '" + w.name() + "' " + w.status().jsonName());
            }
        }
        markTerminals(changes, original, shown, marks, marked);
        for (NodeChange n : changes.nodes()) {
            if (n.status() == Status.REMOVED) {
                markNeighbours(n, changes, original.nodes().get(n.indexA()), shown, ids, marks, marked);
            }
        }
        Set<String> before = valueNames(original);
        for (DiagramEdge e : shown.diagram().edges()) {
            boolean renamed = !e.value().isEmpty() && !before.contains(e.value());
            if (renamed || marked.get(e.from()) == Outline.ADDED || marked.get(e.to()) == Outline.ADDED) {
                marks.edgeStyle(e.id(), tensorColour, 2.5, false)
                        .edgeTooltip(e.id(), renamed ? "'" + e.value() + "' is a new or renamed tensor" : "added by the edits");
            }
        }
        return marks.build();
    }

    /** New outputs (and inputs) are added; an input whose name, type or shape changed is changed. */
    private static void markTerminals(ModelDiffReport changes, Graph original, MappedGraph shown, Decorations.Builder marks,
                                      Map<String, Outline> marked) {
        Set<String> inputsBefore = new HashSet<>(original.inputs().stream().map(ValueInfo::name).toList());
        Set<String> outputsBefore = new HashSet<>(original.outputs().stream().map(ValueInfo::name).toList());
        for (var entry : shown.terminalsById().entrySet()) {
            String id = entry.getKey();
            String name = entry.getValue().name();
            boolean input = id.contains("input:");
            boolean existed = (input ? inputsBefore : outputsBefore).contains(name);
            PropertyChange typeChange = changes.modelChanges().stream().filter(c -> c.group().equals(input ? "inputs" : "outputs")
                    && name.equals(c.key()) && c.a() != null && c.b() != null).findFirst().orElse(null);
            if (!existed) {
                boolean renamed = changes.tensorsAtoB().entrySet().stream()
                        .anyMatch(e -> e.getValue().equals(name) && !e.getKey().equals(name));
                mark(marks, marked, id, renamed ? Outline.CHANGED : Outline.ADDED, false, renamed ? "Δ" : "+",
                        renamed ? "renamed by the edits" : "a new model " + (input ? "input" : "output"));
            } else if (typeChange != null) {
                mark(marks, marked, id, Outline.CHANGED, false, "Δ", "changed: " + typeChange.a() + " → " + typeChange.b());
            }
        }
    }

    /** The boxes that fed or read a deleted node (its producers' and consumers' boxes in the draft). */
    private static void markNeighbours(NodeChange removed, ModelDiffReport changes, Node gone, MappedGraph shown, NodeIds ids,
                                       Decorations.Builder marks, Map<String, Outline> marked) {
        String what = gone.opType() + (gone.name().isEmpty() ? "" : " '" + gone.name() + "'");
        for (String in : gone.inputs()) {
            String now = changes.tensorsAtoB().getOrDefault(in, in);
            shown.producerOf(now).ifPresent(id -> neighbour(marks, marked, id, what));
        }
        for (String out : gone.outputs()) {
            String now = changes.tensorsAtoB().getOrDefault(out, out);
            for (String id : shown.consumersOf(now)) {
                neighbour(marks, marked, id, what);
            }
        }
    }

    private static void neighbour(Decorations.Builder marks, Map<String, Outline> marked, String id, String what) {
        if (!marked.containsKey(id)) {
            mark(marks, marked, id, Outline.REMOVED, true, "−", "next to the deleted node " + what);
        }
    }

    private static void mark(Decorations.Builder marks, Map<String, Outline> marked, String id, Outline outline, boolean dashed,
                             String badge, String tooltip) {
        marks.node(id, NodeDecoration.outline(outline).withOutline(outline, dashed).withBadge(badge).withTooltip(tooltip));
        marked.put(id, outline);
    }

    private static Set<String> valueNames(Graph g) {
        Set<String> names = new HashSet<>();
        g.inputs().forEach(v -> names.add(v.name()));
        g.initializers().forEach(t -> names.add(t.name()));
        for (Node n : g.nodes()) {
            names.addAll(n.inputs());
            names.addAll(n.outputs());
        }
        return names;
    }

    /** The texts of the legend, in order (tests). */
    static List<String> legend() {
        return EditLegend.TEXTS;
    }
}
