package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.diff.ModelDiffReport.NodeChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.PropertyChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.WeightChange;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Model Diff tab without a toolkit: the comparison of the open model (A) with another file (B), where it
 * stands, what to draw (both diagrams, their outlines, the change list) and which box answers a click on the other
 * side. A comparison started while another runs supersedes it: the older one never shows.
 */
public final class DiffViewModel {
    static final String IDLE = "Choose a model to compare with.";
    static final String NO_MODEL = "Open a model first: A is the model open in the main window.";

    /** One line of the change list and where it points on each side (null where it has no box). */
    public record ChangeItem(String text, String styleClass, String idA, String idB) {}

    /** What the pane draws: the prepared diff, the outlines of each side and the change list. */
    public record Drawing(PreparedDiff prepared, Decorations decorationsA, Decorations decorationsB,
                          List<ChangeItem> items) {
        public ModelDiffReport report() {
            return prepared.report();
        }
    }

    /** Where a click on one side leads: the counterpart's box on the other side (or null) and its line. */
    public record Counterpart(String otherId, ChangeItem item) {}

    private final TaskExecutor tasks;
    private final DiagramMapper mapper;
    private final RunState state = new RunState(IDLE);
    private final ReadOnlyObjectWrapper<Drawing> drawing = new ReadOnlyObjectWrapper<>(this, "drawing");
    private final ReadOnlyStringWrapper titleA = new ReadOnlyStringWrapper(this, "titleA", "A");
    private final ReadOnlyStringWrapper titleB = new ReadOnlyStringWrapper(this, "titleB", "B");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder");

    public DiffViewModel(TaskExecutor tasks, DiagramMapper mapper) {
        this.tasks = tasks;
        this.mapper = mapper;
        state.phaseProperty().addListener((obs, was, now) -> placeholder.set(placeholderFor(now)));
        placeholder.set(placeholderFor(state.phase()));
    }

    /** The change list's empty text: "No differences." only after a comparison found none. */
    private static String placeholderFor(RunState.Phase phase) {
        return switch (phase) {
            case IDLE -> "Nothing compared yet.";
            case RUNNING -> "Comparing…";
            case CANCELLED -> "The comparison was cancelled.";
            case FAILED -> "Nothing compared: see the message above.";
            case DONE -> "No differences.";
        };
    }

    public RunState state() {
        return state;
    }

    public ReadOnlyObjectProperty<Drawing> drawingProperty() {
        return drawing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleAProperty() {
        return titleA.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleBProperty() {
        return titleB.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Diffs {@code a} (already open) against the file {@code b}, in the background. */
    public void compare(Model a, Path b) {
        drawing.set(null);
        if (a == null) {
            state.refuse(NO_MODEL);
            return;
        }
        titleA.set("A: " + (a.path() == null ? "the open model" : a.path()));
        titleB.set("B: " + b);
        state.run(BackgroundTask.<Drawing>wrap(p -> {
            p.update(-1, "Reading " + b.getFileName() + "…");
            Model other = new OnnxReader().read(b);
            stopIfCancelled(p);
            p.update(0.4, "Comparing " + name(a) + " with " + b.getFileName() + "…");
            PreparedDiff prepared = PreparedDiff.of(a, other, mapper);
            stopIfCancelled(p);
            p.update(0.9, "Marking the changes…");
            return drawingOf(prepared);
        }).withTitle("Comparing two models").showInStatusBar(), tasks,
                "Comparing " + name(a) + " with " + b.getFileName() + "…", d -> {
                    drawing.set(d);
                    return summary(d.report());
                });
    }

    /** Shows a diff prepared elsewhere (Optimized Graph's own run) under the given side titles. */
    public void show(PreparedDiff prepared, String sideA, String sideB) {
        titleA.set(sideA);
        titleB.set(sideB);
        Drawing d = drawingOf(prepared);
        drawing.set(d);
        state.done(summary(d.report()));
    }

    /** Forgets the shown diff; the line says {@code message}. */
    public void clear(String message) {
        drawing.set(null);
        titleA.set("A");
        titleB.set("B");
        state.reset(message);
    }

    public void cancel() {
        state.cancel();
    }

    /** A click on box {@code diagramId} of one side: its counterpart on the other side and its change line. */
    public Counterpart counterpart(String diagramId, boolean fromA) {
        Drawing d = drawing.get();
        if (d == null || diagramId == null) {
            return null;
        }
        PreparedDiff p = d.prepared();
        int index = (fromA ? p.a : p.b).indexOf(diagramId);
        if (index < 0) {
            return null;
        }
        int other = fromA ? p.report().matchOfA(index) : p.report().matchOfB(index);
        String otherId = other < 0 ? null : (fromA ? p.b : p.a).idOfNode(other);
        ChangeItem line = null;
        for (ChangeItem item : d.items()) {
            if (diagramId.equals(fromA ? item.idA() : item.idB())) {
                line = item;
                break;
            }
        }
        return new Counterpart(otherId, line);
    }

    static String summary(ModelDiffReport r) {
        return r.identical() ? "The models are the same." : r.summaryText() + ".";
    }

    private static void stopIfCancelled(BackgroundTask.Progress p) {
        if (p.isCancelled()) {
            throw new CancellationException();
        }
    }

    private static String name(Model m) {
        return m.path() == null || m.path().getFileName() == null ? "the open model" : m.path().getFileName().toString();
    }

    /** Outlines and list lines for a prepared diff (cheap next to the diff itself; safe off the FX thread). */
    static Drawing drawingOf(PreparedDiff prepared) {
        ModelDiffReport r = prepared.report();
        Decorations.Builder da = Decorations.builder();
        Decorations.Builder db = Decorations.builder();
        List<ChangeItem> items = new ArrayList<>();
        for (PropertyChange c : r.modelChanges()) {
            items.add(new ChangeItem("model  " + c.group() + (c.key() == null ? "" : " " + c.key()) + ": "
                    + orNone(c.a()) + " → " + orNone(c.b()), "diff-model", null, null));
        }
        for (NodeChange n : r.nodes()) {
            String idA = prepared.a.idOfNode(n.indexA());
            String idB = prepared.b.idOfNode(n.indexB());
            Outline outline = switch (n.status()) {
                case ADDED -> Outline.ADDED;
                case REMOVED -> Outline.REMOVED;
                case CHANGED -> Outline.CHANGED;
            };
            String tip = n.status().jsonName() + (n.changes().isEmpty() ? "" : ": " + String.join("; ", n.changes()));
            if (idA != null) {
                da.node(idA, NodeDecoration.outline(outline).withBadge(n.status().jsonName()).withTooltip(tip));
            }
            if (idB != null) {
                db.node(idB, NodeDecoration.outline(outline).withBadge(n.status().jsonName()).withTooltip(tip));
            }
            String name = n.indexA() >= 0 ? label(n.nameA(), n.outputA()) : label(n.nameB(), n.outputB());
            items.add(new ChangeItem(n.status().jsonName() + "  " + name + " (" + n.opType() + ")"
                    + (n.changes().isEmpty() ? "" : ": " + String.join("; ", n.changes())),
                    "diff-" + n.status().jsonName(), idA, idB));
        }
        for (WeightChange w : r.weights()) {
            String idA = w.shapeA() == null ? null : prepared.a.idOfWeight(w.name());
            String idB = w.shapeB() == null ? null : prepared.b.idOfWeight(w.nameB() == null ? w.name() : w.nameB());
            String text = String.format(Locale.ROOT, "weight %s  %s (%s)%s", w.status().jsonName(), w.name(),
                    w.source(), Double.isNaN(w.maxAbsDiff()) ? ""
                            : ": max abs diff " + ErrorHeat.short3(w.maxAbsDiff()) + ", " + w.differing()
                            + " elements differ");
            NodeDecoration changed = NodeDecoration.outline(Outline.CHANGED).withBadge("weights").withTooltip(text);
            if (idA != null) {
                da.node(idA, changed);
            }
            if (idB != null) {
                db.node(idB, changed);
            }
            items.add(new ChangeItem(text, "diff-" + w.status().jsonName(), idA, idB));
        }
        return new Drawing(prepared, da.build(), db.build(), List.copyOf(items));
    }

    private static String label(String name, String output) {
        return name == null || name.isEmpty() ? "→ " + output : name;
    }

    private static String orNone(String v) {
        return v == null ? "(none)" : v;
    }
}
