package dev.onnxworkbench.app;

/** Scaffolding: the owner of the main window replaces this with the JavaFX application start. */
final class WorkbenchLauncher {
    private WorkbenchLauncher() {}

    static void launch(String[] args) {
        System.err.println("onnx-workbench: the window is not built yet");
        System.exit(2);
    }
}
