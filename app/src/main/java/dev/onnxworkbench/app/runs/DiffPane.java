package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diff.ModelDiff;
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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * File ▸ Compare With Model…: the current model (A, left) and another (B, right) side by side, added nodes
 * outlined as added on B, removed ones as removed on A, changed ones (and boxes whose weights changed) as changed
 * on both; clicking a box selects and centres its counterpart; the change list below centres both.
 */
public final class DiffPane extends BorderPane {
    /** One line of the change list and where it points on each side (null where it has no box). */
    public record ChangeItem(String text, String styleClass, String idA, String idB) {}

    private final GraphView graphA = new GraphView();
    private final GraphView graphB = new GraphView();
    private final Label titleA = new Label("A");
    private final Label titleB = new Label("B");
    private final Label summary = new Label("Choose a model to compare with.");
    private final Label placeholder = new Label("Nothing compared yet.");
    private final ListView<ChangeItem> changes = new ListView<>();
    private final TaskSlot slot = new TaskSlot();
    private final TaskExecutor tasks;
    private final DiagramMapper mapper;
    private final ReadOnlyObjectWrapper<ModelDiffReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private NodeIds idsA;
    private NodeIds idsB;

    /**
     * A diff ready to draw: the report and both diagrams, built off the FX thread by {@link #prepare}. Other views
     * (Run ▸ Optimized Graph…) prepare one inside their own background work and hand it to {@link #show}.
     */
    public static final class Prepared {
        private final ModelDiffReport report;
        private final NodeIds a;
        private final NodeIds b;

        private Prepared(ModelDiffReport report, NodeIds a, NodeIds b) {
            this.report = report;
            this.a = a;
            this.b = b;
        }

        public ModelDiffReport report() {
            return report;
        }

        public dev.onnxworkbench.app.diagram.MappedGraph mappedA() {
            return a.mapped();
        }

        public dev.onnxworkbench.app.diagram.MappedGraph mappedB() {
            return b.mapped();
        }

        /** The box on side A that shows top-level node {@code index} of model A (or null). */
        public String idOfNodeA(int index) {
            return a.idOfNode(index);
        }

        /** The top-level node of model A behind a box on side A, or -1. */
        public int indexOfA(String diagramId) {
            return a.indexOf(diagramId);
        }

        /** The box on side B that shows top-level node {@code index} of model B (or null). */
        public String idOfNodeB(int index) {
            return b.idOfNode(index);
        }
    }

    /** Diffs two models and maps both graphs; parsing-free but not cheap, so call it off the FX thread. */
    public static Prepared prepare(Model a, Model b, DiagramMapper mapper) throws WorkbenchException {
        ModelDiffReport r = ModelDiff.compare(a, b);
        return new Prepared(r, new NodeIds(mapper.map(a.graph(), DiagramOptions.DEFAULT, n -> false)),
                new NodeIds(mapper.map(b.graph(), DiagramOptions.DEFAULT, n -> false)));
    }

    public DiffPane(TaskExecutor tasks, DiagramMapper mapper) {
        this.tasks = tasks;
        this.mapper = mapper;
        getStyleClass().add("diff-pane");
        getStylesheets().add(DiffPane.class.getResource("runs.css").toExternalForm());
        setId("diff-pane");
        summary.setId("diff-summary");
        summary.getStyleClass().add("heading");
        summary.setPadding(new Insets(8, 10, 8, 10));
        summary.setWrapText(true);
        titleA.getStyleClass().add("diff-title");
        titleB.getStyleClass().add("diff-title");
        // Paths are long and end in what tells them apart: cut their start, not the file name.
        titleA.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        titleB.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        setTop(summary);
        SplitPane sides = new SplitPane(side(titleA, graphA), side(titleB, graphB));
        changes.setId("diff-changes");
        // "No differences." only after a comparison found none; before that, nothing was compared.
        changes.setPlaceholder(placeholder);
        changes.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ChangeItem item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed", "diff-model");
                setText(empty || item == null ? null : item.text());
                if (!empty && item != null) {
                    getStyleClass().add(item.styleClass());
                }
            }
        });
        changes.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                focus(graphA, now.idA());
                focus(graphB, now.idB());
            }
        });
        SplitPane main = new SplitPane(sides, changes);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.72);
        setCenter(main);
        graphA.setOnNodeClicked(n -> follow(n.id(), true));
        graphB.setOnNodeClicked(n -> follow(n.id(), false));
    }

    private static VBox side(Label title, GraphView view) {
        VBox box = new VBox(4, title, view);
        box.setPadding(new Insets(4));
        VBox.setVgrow(view, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    public GraphView graphA() {
        return graphA;
    }

    public GraphView graphB() {
        return graphB;
    }

    public ListView<ChangeItem> changes() {
        return changes;
    }

    public ReadOnlyObjectProperty<ModelDiffReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Diffs {@code a} (already open) against the file {@code b}, in the background. */
    public void compare(Model a, Path b) {
        placeholder.setText("Comparing…");
        summary.setText("Comparing " + a.path().getFileName() + " with " + b.getFileName() + "…");
        titleA.setText("A: " + a.path());
        titleB.setText("B: " + b);
        BackgroundTask.wrap(() -> prepare(a, new OnnxReader().read(b), mapper)).withTitle("Comparing two models").showInStatusBar().inSlot(slot)
                .onSuccess(this::show)
                .onFailure(e -> summary.setText(e instanceof WorkbenchException ? e.getMessage()
                        : "The models could not be compared: " + e))
                .executeWith(tasks);
    }

    /** Draws a prepared diff under the given side titles (FX thread). */
    public void show(Prepared prepared, String sideA, String sideB) {
        titleA.setText(sideA);
        titleB.setText(sideB);
        show(prepared);
    }

    /** Forgets the shown diff (both graphs empty, summary says {@code message}). */
    public void clear(String message) {
        slot.cancel();
        report.set(null);
        idsA = null;
        idsB = null;
        graphA.setDiagram(null);
        graphB.setDiagram(null);
        graphA.setDecorations(Decorations.NONE);
        graphB.setDecorations(Decorations.NONE);
        changes.getItems().clear();
        placeholder.setText("Nothing compared yet.");
        summary.setText(message);
    }

    private void show(Prepared loaded) {
        idsA = loaded.a;
        idsB = loaded.b;
        ModelDiffReport r = loaded.report();
        report.set(r);
        placeholder.setText("No differences.");
        summary.setText(r.identical() ? "The models are the same." : r.summaryText() + ".");
        graphA.setDiagram(idsA.mapped().diagram());
        graphB.setDiagram(idsB.mapped().diagram());
        Decorations.Builder da = Decorations.builder();
        Decorations.Builder db = Decorations.builder();
        List<ChangeItem> items = new ArrayList<>();
        for (PropertyChange c : r.modelChanges()) {
            items.add(new ChangeItem("model  " + c.group() + (c.key() == null ? "" : " " + c.key()) + ": "
                    + show(c.a()) + " → " + show(c.b()), "diff-model", null, null));
        }
        for (NodeChange n : r.nodes()) {
            String idA = idsA.idOfNode(n.indexA());
            String idB = idsB.idOfNode(n.indexB());
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
            String idA = w.shapeA() == null ? null : idsA.idOfWeight(w.name());
            String idB = w.shapeB() == null ? null : idsB.idOfWeight(w.nameB() == null ? w.name() : w.nameB());
            String text = String.format(Locale.ROOT, "weight %s  %s (%s)%s", w.status().jsonName(), w.name(),
                    w.source(), Double.isNaN(w.maxAbsDiff()) ? ""
                            : ": max abs diff " + ErrorHeat.short3(w.maxAbsDiff()) + ", " + w.differing()
                            + " elements differ");
            for (String[] side : new String[][] {{idA, "a"}, {idB, "b"}}) {
                if (side[0] != null) {
                    (side[1].equals("a") ? da : db).node(side[0], NodeDecoration.outline(Outline.CHANGED)
                            .withBadge("weights").withTooltip(text));
                }
            }
            items.add(new ChangeItem(text, "diff-" + w.status().jsonName(), idA, idB));
        }
        graphA.setDecorations(da.build());
        graphB.setDecorations(db.build());
        changes.getItems().setAll(items);
    }

    private static String label(String name, String output) {
        return name == null || name.isEmpty() ? "→ " + output : name;
    }

    private static String show(String v) {
        return v == null ? "(none)" : v;
    }

    /** A click on one side selects and centres the counterpart on the other. */
    private void follow(String diagramId, boolean fromA) {
        ModelDiffReport r = report.get();
        if (r == null || idsA == null) {
            return;
        }
        int index = (fromA ? idsA : idsB).indexOf(diagramId);
        if (index < 0) {
            return;
        }
        int other = fromA ? r.matchOfA(index) : r.matchOfB(index);
        String otherId = other < 0 ? null : (fromA ? idsB : idsA).idOfNode(other);
        focus(fromA ? graphB : graphA, otherId);
        for (ChangeItem item : changes.getItems()) {
            if (diagramId.equals(fromA ? item.idA() : item.idB())) {
                changes.getSelectionModel().select(item);
                changes.scrollTo(item);
                break;
            }
        }
    }

    private static void focus(GraphView view, String id) {
        view.setSelectedNodeId(id);
        if (id != null) {
            view.centerOn(id);
        }
    }

    public void cancel() {
        slot.cancel();
    }
}
