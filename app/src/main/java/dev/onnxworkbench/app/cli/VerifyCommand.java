package dev.onnxworkbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Scaffolding: the owner of the `verify` verb replaces this class. */
@Command(name = "verify", description = "(being built)")
final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("onnx-workbench: 'verify' is not built yet");
        return 2;
    }
}
