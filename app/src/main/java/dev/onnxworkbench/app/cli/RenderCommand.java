package dev.onnxworkbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Scaffolding: the owner of the `render` verb replaces this class. */
@Command(name = "render", description = "(being built)")
final class RenderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("onnx-workbench: 'render' is not built yet");
        return 2;
    }
}
