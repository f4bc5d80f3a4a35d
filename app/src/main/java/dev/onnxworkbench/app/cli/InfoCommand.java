package dev.onnxworkbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Scaffolding: the owner of the `info` verb replaces this class. */
@Command(name = "info", description = "(being built)")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("onnx-workbench: 'info' is not built yet");
        return 2;
    }
}
