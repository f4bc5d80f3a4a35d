package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;

/**
 * Turns failures into the contract's one line on stderr and the exit code of their class ({@link ErrorClass}):
 * a user's mistake (a {@link WorkbenchException}) prints its message; anything else prints its class too,
 * since that is a bug to report. A command line picocli cannot parse (unknown option, missing value) is one
 * line naming the problem and where the help is, exit code 2, not the whole usage. When the verb was asked
 * for {@code --json}, the failure is also one JSON object on stdout: {@code {"error": {"code", "message"}}}.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String message = ex instanceof WorkbenchException
                ? ex.getMessage()
                : "internal error: " + ex;
        ErrorClass kind = ErrorClass.of(ex);
        CommandLine.ParseResult verb = parseResult;
        while (verb.hasSubcommand()) {
            verb = verb.subcommand();
        }
        if (verb.hasMatchedOption("--json")) {
            cmd.getOut().println(json(kind, message));
            cmd.getOut().flush();
        }
        cmd.getErr().println("onnx-workbench: " + message);
        return kind.exitCode;
    }

    /** {@code {"error": {"code": "badInput", "message": "…"}}} on one line. */
    static String json(ErrorClass kind, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", kind.code);
        error.put("message", message);
        return root.toString();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String verb = cmd.getCommandSpec().qualifiedName();
        String message = ex.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
        if (java.util.Arrays.asList(args).contains("--json")) {
            cmd.getOut().println(json(ErrorClass.USAGE, message));
            cmd.getOut().flush();
        }
        cmd.getErr().println(verb + ": " + message + " (see '" + verb + " --help')");
        return ErrorClass.USAGE.exitCode;
    }
}
