package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.MessageBanner;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionConfig;
import java.io.File;
import java.nio.file.Path;
import javafx.concurrent.Task;
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
    public static Task<ProviderSettings> load(Path file, AppServices services, MessageBanner banner) {
        Task<ProviderSettings> task = new Task<>() {
            @Override
            protected ProviderSettings call() throws Exception {
                return SessionConfig.read(file);
            }
        };
        task.setOnSucceeded(e -> {
            services.sessionConfig().set(new SessionConfigChoice.Loaded(file, task.getValue()));
            banner.showInfo("Session config " + file.getFileName() + " loaded: " + SessionConfig.describe(task.getValue())
                    + ". Predict uses it on " + task.getValue().provider().displayName()
                    + "; Compare measures it as its first row.");
        });
        task.setOnFailed(e -> banner.showError("The session config was not loaded: " + task.getException().getMessage()));
        services.background().execute(task);
        return task;
    }

    public static void clear(AppServices services, MessageBanner banner) {
        services.sessionConfig().clear();
        banner.showInfo("Session config cleared: Predict and Compare use each provider's defaults.");
    }
}
