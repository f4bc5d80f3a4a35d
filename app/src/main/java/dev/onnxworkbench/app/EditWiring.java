package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.edit.EditMarks;
import dev.onnxworkbench.app.edit.EditMode;
import dev.onnxworkbench.app.edit.EditViewModel;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.DiagramContextRequest;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.WindowEvent;

/**
 * Edit mode in the main window: the graph's context menu and keys (Delete, F2), the Node tab's in-place values,
 * the marks of what the edits changed on the shown draft (with the Edit tab's legend), the title ("x.onnx —
 * edited (2 pending)", never the draft's temporary name), and the close box asking about pending edits.
 */
final class EditWiring {
    private final MainWindow window;
    private final EditMode edit;
    private final ContextMenu menu = new ContextMenu();
    private Decorations marks;
    /** What was selected (a node key, an input/output, a tensor) and which tab was in front when an edit went out. */
    private Selection before;

    private record Selection(String nodeKey, String terminalId, String tensor, Tab tab) {}

    EditWiring(MainWindow window, EditMode edit) {
        this.window = window;
        this.edit = edit;
        menu.setId("graph-context-menu");
    }

    void attach() {
        GraphView view = window.graph().view();
        EditViewModel vm = edit.viewModel();
        view.setOnContextMenuRequest(this::showMenu);
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        window.nodeProperties().setEdits(edit.propertyEdits());
        edit.view().legend().useColoursOf(view);
        vm.sourceProperty().addListener((obs, old, now) -> window.refreshSelection()); // values become fields
        vm.unsavedProperty().addListener((obs, old, now) -> updateTitle());
        vm.pending().addListener((ListChangeListener<String>) c -> updateTitle());
        vm.draftProperty().addListener((obs, old, now) -> {
            if (now != null) {
                before = selection();
            }
        });
        view.colourProperty("outline-changed").addListener((obs, old, now) -> {
            if (marks != null && view.getDecorations() == marks) {
                markChanges(window.model()); // the marked tensors' colour follows the theme's CSS
            }
        });
        window.stage().addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (vm.unsavedProperty().get()) {
                e.consume();
                window.quitAsking(window.stage()::close);
            }
        });
    }

    /** The graph's context menu (tests read its items). */
    ContextMenu menu() {
        return menu;
    }

    /** A model was shown: for an edited draft, mark what changed and select again what was selected. */
    void shown(Model m) {
        EditViewModel vm = edit.viewModel();
        if (m.path() != null && vm.isDraft(m.path())) {
            markChanges(m);
            reselect();
        } else {
            if (marks != null && window.graph().view().getDecorations() == marks) {
                window.graph().view().clearDecorations();
            }
            marks = null;
            edit.view().legend().showMarks(false);
        }
        updateTitle();
    }

    private void markChanges(Model m) {
        EditViewModel vm = edit.viewModel();
        MappedGraph shown = window.graph().current();
        if (vm.changesProperty().get() == null || vm.original() == null || shown == null || shown.graph() != m.graph()) {
            return;
        }
        GraphView view = window.graph().view();
        marks = EditMarks.of(vm.changesProperty().get(), vm.original().graph(), shown,
                view.getPalette().get("outline-changed"));
        view.setDecorations(marks);
        edit.view().legend().showMarks(!marks.isEmpty());
    }

    /** The edits' marks on the graph now (null when none). */
    Decorations marks() {
        return marks;
    }

    void updateTitle() {
        Model m = window.model();
        if (m == null || m.path() == null) {
            return;
        }
        EditViewModel vm = edit.viewModel();
        Path source = vm.sourceProperty().get();
        if (vm.isDraft(m.path()) && source != null) {
            int n = vm.pending().size();
            boolean unsaved = vm.unsavedProperty().get();
            String state = n == 0 ? "no pending edits" : "edited (" + n + " pending" + (unsaved ? "" : ", saved") + ")";
            window.stage().setTitle(source.getFileName() + " — " + state + " — ONNX Workbench");
            window.status().setPath(source + " — " + state + (unsaved ? ", not saved (Save As… in the Edit tab)" : ""));
        } else {
            window.stage().setTitle(m.path().getFileName() + " — ONNX Workbench");
            window.status().setPath(m.path().toString());
        }
    }

    private Selection selection() {
        GraphView view = window.graph().view();
        Tab tab = window.sidebar().getSelectionModel().getSelectedItem();
        String id = view.getSelectedNodeId();
        MappedGraph current = window.graph().current();
        if (id != null && current != null) {
            MappedGraph owner = current.owner(id);
            Node node = owner == null ? null : owner.nodesById().get(id);
            return node != null ? new Selection(EditMode.nodeKey(node), null, null, tab) : new Selection(null, id, null, tab);
        }
        String edgeId = view.getSelectedEdgeId();
        if (edgeId != null && current != null) {
            String tensor = current.diagram().edges().stream().filter(e -> e.id().equals(edgeId)).map(DiagramEdge::value)
                    .findFirst().orElse(null);
            return new Selection(null, null, tensor, tab);
        }
        return new Selection(null, null, null, tab);
    }

    /** Selects in the draft what was selected before the edit (if it still exists), and brings its tab back. */
    private void reselect() {
        Selection s = before;
        before = null;
        MappedGraph current = window.graph().current();
        if (s == null || current == null) {
            return;
        }
        GraphView view = window.graph().view();
        if (s.nodeKey() != null) {
            view.setSelectedNodeId(null); // the draft may reuse the id: a change, so the Node tab shows it again
            current.nodesById().entrySet().stream().filter(e -> EditMode.nodeKey(e.getValue()).equals(s.nodeKey()))
                    .map(java.util.Map.Entry::getKey).findFirst().ifPresent(view::setSelectedNodeId);
        } else if (s.terminalId() != null && current.terminalsById().containsKey(s.terminalId())) {
            view.setSelectedNodeId(null);
            view.setSelectedNodeId(s.terminalId());
        } else if (s.tensor() != null) {
            view.setSelectedEdgeId(null);
            current.diagram().edges().stream().filter(e -> e.value().equals(s.tensor())).findFirst()
                    .ifPresent(e -> view.setSelectedEdgeId(e.id()));
        }
        if (s.tab() != null && window.sidebar().getTabs().contains(s.tab())) {
            window.sidebar().getSelectionModel().select(s.tab());
        }
    }

    private void showMenu(DiagramContextRequest request) {
        List<MenuItem> items = itemsFor(request);
        menu.hide();
        if (items.isEmpty()) {
            return;
        }
        menu.getItems().setAll(items);
        menu.show(window.graph().view(), request.screenX(), request.screenY());
    }

    /** The context menu's items for what was right-clicked (empty on the bare canvas). */
    List<MenuItem> itemsFor(DiagramContextRequest request) {
        MappedGraph current = window.graph().current();
        Model shown = window.model();
        if (current == null || shown == null || shown.path() == null) {
            return List.of();
        }
        if (request.node() != null) {
            String id = request.node().id();
            MappedGraph owner = current.owner(id);
            if (owner == null) {
                return List.of();
            }
            Node node = owner.nodesById().get(id);
            if (node != null) {
                return edit.contextMenu().forNode(node, owner, shown);
            }
            ValueInfo terminal = owner.terminalsById().get(id);
            return terminal == null ? List.of()
                    : edit.contextMenu().forTerminal(terminal, id.contains("input:"), owner, shown);
        }
        if (request.edge() != null && !request.edge().value().isEmpty()) {
            MappedGraph owner = current.owner(request.edge().to());
            return edit.contextMenu().forTensor(request.edge().value(), owner == null ? current : owner, shown);
        }
        return List.of();
    }

    /** Delete removes the selected node, F2 renames the selected tensor, input or output (or a node's output). */
    private void keyPressed(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown() || window.model() == null) {
            return;
        }
        if (e.getCode() == KeyCode.DELETE) {
            topLevelSelected().ifPresent(edit::deleteNode);
            e.consume();
        } else if (e.getCode() == KeyCode.F2) {
            String tensor = selectedName();
            if (tensor != null) {
                edit.rename(tensor);
            }
            e.consume();
        }
    }

    private java.util.Optional<Node> topLevelSelected() {
        MappedGraph current = window.graph().current();
        String id = window.graph().view().getSelectedNodeId();
        MappedGraph owner = current == null || id == null ? null : current.owner(id);
        if (owner == null || owner.graph() != window.model().graph()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(owner.nodesById().get(id));
    }

    private String selectedName() {
        MappedGraph current = window.graph().current();
        if (current == null || current.graph() != window.model().graph()) {
            return null;
        }
        String id = window.graph().view().getSelectedNodeId();
        if (id != null) {
            ValueInfo terminal = current.terminalsById().get(id);
            if (terminal != null) {
                return terminal.name();
            }
            Node node = current.nodesById().get(id);
            return node == null || node.outputs().isEmpty() ? null : node.outputs().getFirst();
        }
        String edgeId = window.graph().view().getSelectedEdgeId();
        return edgeId == null ? null : current.diagram().edges().stream().filter(d -> d.id().equals(edgeId))
                .map(DiagramEdge::value).filter(v -> !v.isEmpty()).findFirst().orElse(null);
    }
}
