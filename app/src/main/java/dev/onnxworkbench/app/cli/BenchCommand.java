package dev.onnxworkbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Scaffolding: the owner of the `bench` verb replaces this class. */
@Command(name = "bench", description = "(being built)")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("onnx-workbench: 'bench' is not built yet");
        return 2;
    }
}
