package dev.onnxworkbench.app;

import javafx.application.Application;

/** Starts the window (as opposed to a command-line verb). */
final class WorkbenchLauncher {
    private WorkbenchLauncher() {}

    static void launch(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
