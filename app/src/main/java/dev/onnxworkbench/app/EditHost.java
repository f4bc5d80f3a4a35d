package dev.onnxworkbench.app;

import dev.onnxworkbench.app.edit.EditMode;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** What the main window lends edit mode: its model, selection, graph, stage and theme. */
final class EditHost implements EditMode.Host {
    private final MainWindow window;

    EditHost(MainWindow window) {
        this.window = window;
    }

    @Override
    public Model model() {
        return window.model();
    }

    @Override
    public Optional<Node> selectedNode() {
        return window.selectedNode();
    }

    @Override
    public void showEdited(Path draft) {
        Path source = window.editMode().viewModel().sourceProperty().get();
        window.open(() -> draft, (source == null ? draft : source).getFileName() + " (edited)");
    }

    @Override
    public void showPanel(javafx.scene.Node view) {
        window.showEditTab(view);
    }

    @Override
    public Window owner() {
        return window.stage();
    }
}
