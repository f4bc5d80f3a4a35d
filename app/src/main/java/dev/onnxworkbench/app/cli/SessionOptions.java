package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --provider, --config and --option of every verb that opens a session (run, profile, verify, diverge, optimize, serve, predict-batch); bench and tune compare several providers with --providers and take --config. */
final class SessionOptions {
    @Option(names = "--provider", paramLabel = "P",
            description = "cpu, cuda or tensorrt (default: cpu, or the --config file's)")
    String provider;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a session config file (JSON, as `tune` writes it): provider, threads, optimization level, "
                    + "provider options; --option values are applied on top")
    Path config;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "a provider option, e.g. intra_op_num_threads=1; repeatable")
    List<String> options = new ArrayList<>();

    /** The session's settings: the config file's, then each --option on top (see {@link RunCommand#settings}). */
    ProviderSettings settings() throws WorkbenchException {
        return RunCommand.settings(provider, config, options);
    }
}
