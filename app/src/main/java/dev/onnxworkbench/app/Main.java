package dev.onnxworkbench.app;

import dev.onnxworkbench.app.cli.WorkbenchCommand;
import java.nio.file.Files;

/**
 * Entry point. A registered command-line verb runs headless and exits with its code; no argument,
 * or an existing model file (as a file manager passes on double-click), opens the window; anything
 * else is one line on stderr and a non-zero exit, without touching the display.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        switch (LaunchDecision.of(args, WorkbenchCommand.verbs(), LaunchDecision.hasDisplay(), Files::exists)) {
            case LaunchDecision.RunVerb v -> {
                // Verbs never need a display: render draws with JavaFX's headless platform.
                System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
                System.setProperty("java.awt.headless", "true");
                System.exit(WorkbenchCommand.execute(args));
            }
            case LaunchDecision.Refuse r -> {
                System.err.println("onnx-workbench: " + r.message());
                System.exit(r.exitCode());
            }
            case LaunchDecision.OpenWindow w -> WorkbenchLauncher.launch(args);
        }
    }
}
