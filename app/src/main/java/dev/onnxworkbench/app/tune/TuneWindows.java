package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.SessionFactory;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Opens Run ▸ Optimized Graph… and Run ▸ Tune… in their own windows, one of each per main window, reused. */
public final class TuneWindows {
    private final AppServices services;
    private final Stage owner;
    private final dev.onnxworkbench.app.predict.FormInputs form;
    private Stage optimizedStage;
    private OptimizedGraphView optimizedView;
    private Stage tuneStage;
    private TuneView tuneView;

    /** @param form the Predict form's input set, which both tools run on */
    public TuneWindows(AppServices services, Stage owner, dev.onnxworkbench.app.predict.FormInputs form) {
        this.services = services;
        this.owner = owner;
        this.form = form;
    }

    private SessionFactory sessions() {
        return services.sessions();
    }

    public void openOptimized(Model model) {
        if (model == null) {
            return;
        }
        if (optimizedStage == null) {
            optimizedView = new OptimizedGraphView(services, sessions(), form);
            optimizedStage = stage("Optimized Graph — ONNX Workbench", new Scene(optimizedView, 1200, 760));
        }
        optimizedView.showModel(model);
        optimizedStage.show();
        optimizedStage.toFront();
    }

    public void openTune(Model model) {
        if (model == null) {
            return;
        }
        if (tuneStage == null) {
            tuneView = new TuneView(services, new TuneViewModel(services.tasks(), sessions(),
                    services.dataDirectory().resolve("tensorrt-cache"), form));
            tuneStage = stage("Tune Session Settings — ONNX Workbench", new Scene(tuneView, 1200, 760));
            tuneStage.setOnHidden(e -> tuneView.viewModel().hidden());
        }
        tuneView.showModel(model);
        tuneStage.show();
        tuneStage.toFront();
    }

    private Stage stage(String title, Scene scene) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        services.themes().apply(scene);
        stage.setScene(scene);
        return dev.onnxworkbench.app.tool.ToolStage.closesOnEscapeAndShortcutW(stage);
    }
}
