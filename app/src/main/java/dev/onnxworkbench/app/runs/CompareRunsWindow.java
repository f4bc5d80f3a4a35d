package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Compare Runs" window: a Divergence tab (Run ▸ Find Divergence…) and a Model Diff tab (File ▸ Compare With
 * Model…). One per main window, reused; closing it stops a running search.
 */
public final class CompareRunsWindow {
    private final Stage stage = new Stage();
    private final TabPane tabs = new TabPane();
    private final Tab divergenceTab;
    private final Tab diffTab;
    private final DivergencePane divergence;
    private final DiffPane diff;

    public CompareRunsWindow(AppServices services, DiagramMapper mapper, Window owner) {
        this(services, mapper, owner, services.sessions());
    }

    public CompareRunsWindow(AppServices services, DiagramMapper mapper, Window owner, SessionFactory sessions) {
        divergence = new DivergencePane(services.tasks(), mapper, sessions);
        diff = new DiffPane(services.tasks(), mapper);
        divergenceTab = new Tab("Divergence", divergence);
        diffTab = new Tab("Model Diff", diff);
        divergenceTab.setClosable(false);
        diffTab.setClosable(false);
        tabs.getTabs().setAll(divergenceTab, diffTab);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Compare Runs — ONNX Workbench");
        Scene scene = new Scene(tabs, 1280, 800);
        services.themes().apply(scene);
        Theme theme = services.themes().isDark() ? Theme.DARK : Theme.LIGHT;
        for (var view : new dev.onnxworkbench.graphview.GraphView[] {divergence.graph(), diff.graphA(), diff.graphB()}) {
            view.setTheme(theme);
        }
        services.themes().themeProperty().addListener((obs, old, now) -> {
            Theme t = services.themes().isDark() ? Theme.DARK : Theme.LIGHT;
            divergence.graph().setTheme(t);
            diff.graphA().setTheme(t);
            diff.graphB().setTheme(t);
        });
        stage.setScene(scene);
        dev.onnxworkbench.app.tool.ToolStage.closesOnEscapeAndShortcutW(stage);
        stage.setOnHidden(e -> {
            divergence.cancel();
            diff.cancel();
        });
    }

    public Stage stage() {
        return stage;
    }

    public DivergencePane divergence() {
        return divergence;
    }

    public DiffPane diff() {
        return diff;
    }

    /** Shows the Divergence tab for {@code model} (run A). */
    public void showDivergence(Model model) {
        divergence.showModel(model);
        tabs.getSelectionModel().select(divergenceTab);
        stage.show();
        stage.toFront();
    }

    /** Shows the Model Diff tab: {@code model} against the file {@code other}. */
    public void showDiff(Model model, Path other) {
        diff.compare(model, other);
        // The Divergence tab beside it runs the same two models (it was left empty: a dead Find button).
        divergence.showModel(model);
        divergence.form().referenceModel().setText(other.toString());
        divergence.form().referenceModel().end(); // the file name, not the start of its folder
        tabs.getSelectionModel().select(diffTab);
        stage.show();
        stage.toFront();
    }
}
