package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.models.graph.Model;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Opens Run ▸ Quantize… and Run ▸ Convert to FP16… in one tool window per main window, reused. */
public final class QuantizeWindow {
    private final AppServices services;
    private final Stage owner;
    private final FormInputs form;
    private final MainGraphHeat mainGraph;
    private Stage stage;
    private QuantizeView view;

    /** @param mainGraph the main window's graph, where "Show on Main Graph" draws the result */
    public QuantizeWindow(AppServices services, Stage owner, FormInputs form, MainGraphHeat mainGraph) {
        this.services = services;
        this.owner = owner;
        this.form = form;
        this.mainGraph = mainGraph;
    }

    /** Shows the window for {@code model} (saved on disk), preset to {@code mode}. */
    public void open(Model model, PrecisionMode mode) {
        if (model == null || model.path() == null) {
            return;
        }
        if (stage == null) {
            view = new QuantizeView(new QuantizeViewModel(services.tasks(), services.sessions(), form,
                    new DiagramMapper(new CatalogOperatorLookup(services.catalog()))), mainGraph);
            Scene scene = new Scene(view, 1280, 800);
            services.themes().apply(scene);
            services.themes().themeProperty().addListener((o, was, now) -> view.refreshColours());
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("Quantize / Convert — ONNX Workbench");
            stage.setScene(scene);
            dev.onnxworkbench.app.tool.ToolStage.closesOnEscapeAndShortcutW(stage);
            stage.setOnHidden(e -> view.viewModel().cancel());
        }
        view.viewModel().showModel(model.path());
        if (!view.viewModel().run().isBusy()) {
            view.viewModel().modeProperty().set(mode);
        }
        stage.show();
        stage.toFront();
    }
}
