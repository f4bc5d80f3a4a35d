package dev.onnxworkbench.app;

import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: creates the services once, opens the main window, and opens the model
 * named on the command line, or else the bundled sample (written into the data directory on first use).
 *
 * <p>A second model double-clicked in a file manager starts a second process, so it opens in a new
 * window; within a window, File ▸ Open, drag-and-drop and Open Recent replace the model shown.
 */
public final class WorkbenchApp extends Application {
    private AppServices services;

    /** Runs on the launcher thread, before the window: the catalog is parsed here, not on the FX thread. */
    @Override
    public void init() {
        services = AppServices.forUser(url -> getHostServices().showDocument(url));
        services.catalog();
        services.dataDirectory(); // created here, on the launcher thread, not by the first view that needs it
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(services, stage);
        // Never a dead window: a bug in a handler ends up as a banner (and on stderr for the report).
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            System.err.println("onnx-workbench: unexpected error on " + thread.getName());
            error.printStackTrace();
            dev.onnxworkbench.app.task.FxThread.later(() -> window.showUnexpected(error));
        });
        window.show();
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            window.open(Path.of(args.getFirst()));
        } else {
            AppServices s = services;
            window.open(() -> SampleModels.materialize(s.dataDirectory().resolve("samples")).getFirst(), "the sample model");
        }
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
    }
}
