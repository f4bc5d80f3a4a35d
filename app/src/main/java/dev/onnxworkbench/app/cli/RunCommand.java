package dev.onnxworkbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Scaffolding: the owner of the `run` verb replaces this class. */
@Command(name = "run", description = "(being built)")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("onnx-workbench: 'run' is not built yet");
        return 2;
    }
}
