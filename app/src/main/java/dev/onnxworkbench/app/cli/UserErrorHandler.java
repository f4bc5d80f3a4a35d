package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import picocli.CommandLine;

/**
 * Turns failures into the contract's one line on stderr and a non-zero exit code: a user's
 * mistake (a {@link WorkbenchException}) prints its message; anything else prints its class too,
 * since that is a bug to report. A command line picocli cannot parse (unknown option, missing
 * value) is one line naming the problem and where the help is, exit code 2, not the whole usage.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String message = ex instanceof WorkbenchException
                ? ex.getMessage()
                : "internal error: " + ex;
        cmd.getErr().println("onnx-workbench: " + message);
        return ex instanceof WorkbenchException ? 1 : 70;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String verb = cmd.getCommandSpec().qualifiedName();
        String message = ex.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
        cmd.getErr().println(verb + ": " + message + " (see '" + verb + " --help')");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
