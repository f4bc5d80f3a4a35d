package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import picocli.CommandLine;

/**
 * Turns failures into the contract's one line on stderr and a non-zero exit code: a user's
 * mistake (a {@link WorkbenchException}) prints its message; anything else prints its class too,
 * since that is a bug to report.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String message = ex instanceof WorkbenchException
                ? ex.getMessage()
                : "internal error: " + ex;
        cmd.getErr().println("onnx-workbench: " + message);
        return ex instanceof WorkbenchException ? 1 : 70;
    }
}
