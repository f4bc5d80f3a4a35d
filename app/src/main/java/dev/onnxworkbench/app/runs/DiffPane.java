package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.graph.Model;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * File ▸ Compare With Model…: the current model (A, left) and another (B, right) side by side, added nodes
 * outlined as added on B, removed ones as removed on A, changed ones (and boxes whose weights changed) as changed
 * on both; clicking a box selects and centres its counterpart; the change list below centres both. The state is
 * {@link DiffViewModel}'s; this pane only draws it.
 */
public final class DiffPane extends BorderPane {
    private final GraphView graphA = new GraphView();
    private final GraphView graphB = new GraphView();
    private final Label titleA = new Label();
    private final Label titleB = new Label();
    private final Label summary = new Label();
    private final Label placeholder = new Label();
    private final ListView<DiffViewModel.ChangeItem> changes = new ListView<>();
    private final DiffViewModel viewModel;
    private final ReadOnlyObjectWrapper<ModelDiffReport> report = new ReadOnlyObjectWrapper<>(this, "report");

    public DiffPane(TaskExecutor tasks, DiagramMapper mapper) {
        this(new DiffViewModel(tasks, mapper));
    }

    public DiffPane(DiffViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("diff-pane");
        getStylesheets().add(DiffPane.class.getResource("runs.css").toExternalForm());
        setId("diff-pane");
        summary.setId("diff-summary");
        summary.getStyleClass().add("heading");
        summary.setPadding(new Insets(8, 10, 8, 10));
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.state().messageProperty());
        titleA.getStyleClass().add("diff-title");
        titleB.getStyleClass().add("diff-title");
        titleA.textProperty().bind(viewModel.titleAProperty());
        titleB.textProperty().bind(viewModel.titleBProperty());
        // Paths are long and end in what tells them apart: cut their start, not the file name.
        titleA.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        titleB.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        setTop(summary);
        SplitPane sides = new SplitPane(side(titleA, graphA), side(titleB, graphB));
        changes.setId("diff-changes");
        changes.setPlaceholder(placeholder);
        changes.setCellFactory(list -> new ListCell<>() {
            {
                // A change line is long ("renamed …; attribute …; input …"): it wraps inside the list instead of
                // running past its right edge behind a horizontal scroll bar.
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
                setMaxWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(DiffViewModel.ChangeItem item, boolean empty) {
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
        report.bind(Bindings.createObjectBinding(() -> viewModel.drawingProperty().get() == null ? null
                : viewModel.drawingProperty().get().report(), viewModel.drawingProperty()));
        viewModel.drawingProperty().addListener((obs, was, now) -> draw(now));
    }

    private static VBox side(Label title, GraphView view) {
        VBox box = new VBox(4, title, view);
        box.setPadding(new Insets(4));
        VBox.setVgrow(view, Priority.ALWAYS);
        return box;
    }

    public DiffViewModel viewModel() {
        return viewModel;
    }

    public GraphView graphA() {
        return graphA;
    }

    public GraphView graphB() {
        return graphB;
    }

    public ListView<DiffViewModel.ChangeItem> changes() {
        return changes;
    }

    public ReadOnlyObjectProperty<ModelDiffReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Diffs {@code a} (already open) against the file {@code b}, in the background. */
    public void compare(Model a, Path b) {
        viewModel.compare(a, b);
    }

    /** Draws a prepared diff under the given side titles (FX thread). */
    public void show(PreparedDiff prepared, String sideA, String sideB) {
        viewModel.show(prepared, sideA, sideB);
    }

    /** Forgets the shown diff (both graphs empty, summary says {@code message}). */
    public void clear(String message) {
        viewModel.clear(message);
    }

    public void cancel() {
        viewModel.cancel();
    }

    private void draw(DiffViewModel.Drawing d) {
        graphA.setDecorations(Decorations.NONE);
        graphB.setDecorations(Decorations.NONE);
        graphA.setDiagram(d == null ? null : d.prepared().mappedA().diagram());
        graphB.setDiagram(d == null ? null : d.prepared().mappedB().diagram());
        if (d == null) {
            changes.getItems().clear();
            return;
        }
        graphA.setDecorations(d.decorationsA());
        graphB.setDecorations(d.decorationsB());
        changes.getItems().setAll(d.items());
    }

    /** A click on one side selects and centres the counterpart on the other, and its line in the list. */
    private void follow(String diagramId, boolean fromA) {
        DiffViewModel.Counterpart c = viewModel.counterpart(diagramId, fromA);
        if (c == null) {
            return;
        }
        focus(fromA ? graphB : graphA, c.otherId());
        if (c.item() != null) {
            changes.getSelectionModel().select(c.item());
            changes.scrollTo(c.item());
        }
    }

    private static void focus(GraphView view, String id) {
        view.setSelectedNodeId(id);
        if (id != null) {
            view.centerOn(id);
        }
    }
}
