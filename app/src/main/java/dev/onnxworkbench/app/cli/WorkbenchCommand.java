package dev.onnxworkbench.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line (contract in the README): one subcommand per verb. */
@Command(
        name = "onnx-workbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Open, inspect, run and benchmark ONNX models. Without a verb, opens the window.",
        subcommands = {InfoCommand.class, RenderCommand.class, RunCommand.class, VerifyCommand.class,
                       BenchCommand.class, ProfileCommand.class, CommandLine.HelpCommand.class})
public final class WorkbenchCommand {

    /** Verbs this command line answers; anything else as the first argument is a model path for the window. */
    public static boolean isVerb(String arg) {
        return switch (arg) {
            case "info", "render", "run", "verify", "bench", "profile", "help", "-h", "--help", "-V", "--version" -> true;
            default -> false;
        };
    }

    /** Runs the verb and returns the process exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line as the launcher runs it (errors as one line on stderr); tests redirect its output. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WorkbenchCommand());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli;
    }
}
