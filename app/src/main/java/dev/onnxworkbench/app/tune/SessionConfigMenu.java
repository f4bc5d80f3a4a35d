package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.MessageBanner;
import dev.onnxworkbench.models.runtime.SessionConfig;
import java.io.File;
import java.nio.file.Path;
import dev.onnxworkbench.app.task.BackgroundTask;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Run ▸ Load Session Config… and Clear Session Config: reads the file off the FX thread and says what it does. */
public final class SessionConfigMenu {
    private SessionConfigMenu() {}

    /** Asks for a file and loads it. */
    public static void choose(Window owner, AppServices services, MessageBanner banner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load Session Config");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Session configs (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            load(file.toPath(), services, banner);
        }
    }

    /** Reads {@code file} in the background; on success Predict and Compare use it, on failure the banner says why. */
    public static void load(Path file, AppServices services, MessageBanner banner) {
        BackgroundTask.wrap(() -> SessionConfig.read(file)).withTitle("Reading " + file.getFileName())
                .onSuccess(settings -> {
                    services.sessionConfig().set(new SessionConfigChoice.Loaded(file, settings));
                    banner.showInfo("Session config " + file.getFileName() + " loaded: " + SessionConfig.describe(settings)
                            + ". Predict uses it on " + settings.provider().displayName()
                            + "; Compare measures it as its first row.");
                })
                .onFailure(error -> banner.showError("The session config was not loaded: " + error.getMessage()))
                .executeWith(services.tasks());
    }

    public static void clear(AppServices services, MessageBanner banner) {
        services.sessionConfig().clear();
        banner.showInfo("Session config cleared: Predict and Compare use each provider's defaults.");
    }
}
