package dev.onnxworkbench.app;

import dev.onnxworkbench.app.cli.WorkbenchCommand;

/**
 * Entry point. A command-line verb runs headless and exits with its code; no argument, or a
 * model path (as a file manager passes on double-click), opens the window.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && WorkbenchCommand.isVerb(args[0])) {
            // Verbs never need a display: render draws with JavaFX's headless platform.
            System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
            System.setProperty("java.awt.headless", "true");
            System.exit(WorkbenchCommand.execute(args));
        }
        WorkbenchLauncher.launch(args);
    }
}
