package dev.onnxworkbench.app.cli;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line (contract in the README): one subcommand per verb. */
@Command(
        name = "onnx-workbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Open, inspect, run and benchmark ONNX models. Without a verb, opens the window.",
        subcommands = {InfoCommand.class, RenderCommand.class, RunCommand.class, VerifyCommand.class,
                       BenchCommand.class, ProfileCommand.class, DiffCommand.class, DivergeCommand.class,
                       OptimizeCommand.class, EditCommand.class, TuneCommand.class, ServeCommand.class, ExportCommand.class,
                       PredictBatchCommand.class, LoadtestCommand.class, QuantizeCommand.class, ConvertCommand.class,
                       CommandLine.HelpCommand.class})
public final class WorkbenchCommand {

    /**
     * The verbs this command line answers: every registered subcommand and its aliases, so a verb
     * registered above is known to the launcher without a second list.
     */
    public static Set<String> verbs() {
        Set<String> names = new TreeSet<>();
        new CommandLine(new WorkbenchCommand()).getSubcommands().forEach((name, sub) -> {
            names.add(name);
            names.addAll(Arrays.asList(sub.getCommandSpec().aliases()));
        });
        return names;
    }

    /** Runs the verb and returns the process exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line as the launcher runs it (errors as one line on stderr); tests redirect its output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WorkbenchCommand());
        // Every verb's --help ends with the exit codes, so a script's author finds them where the flags are.
        cli.getCommandSpec().usageMessage().footer(ErrorClass.HELP);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage().footer(ErrorClass.HELP));
        UserErrorHandler errors = new UserErrorHandler();
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        return cli;
    }
}
