package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.Benchmark;
import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.BenchmarkException;
import dev.onnxworkbench.models.bench.BenchmarkJson;
import dev.onnxworkbench.models.bench.BenchmarkListener;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.SessionConfig;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precisionaxis.PrecisionCopies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench MODEL}: compares execution providers headless, as a table or as JSON (DESIGN.md); with
 * {@code --precision}/{@code --variant}, every provider row also runs FP16/INT8 copies of the model.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Compare execution providers on a model: session creation, first run, latency percentiles, "
                + "throughput, output agreement with the CPU, node placement.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = "--providers", split = ",", paramLabel = "P",
            description = "providers to compare, comma-separated (default: cpu,cuda,tensorrt; none with --config)")
    List<String> providers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a session config file (JSON, as `tune` writes it): one row with its settings, first")
    Path sessionConfig;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "CPU intra-op thread counts: one CPU row per value, e.g. 1,2 (default: ONNX Runtime's choice)")
    List<Integer> threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10", description = "warm-up runs (default: ${DEFAULT-VALUE})")
    int warmup;

    @ArgGroup(exclusive = true)
    Amount amount;

    static final class Amount {
        @Option(names = "--runs", paramLabel = "N", description = "timed runs per provider and batch size (default: 100)")
        Integer runs;

        @Option(names = "--duration", paramLabel = "S", description = "time each provider and batch size for S seconds instead")
        Double durationSeconds;
    }

    @Option(names = "--batch", split = ",", paramLabel = "B",
            description = "batch sweep: sizes for the batch dimension (the first free dimension), e.g. 1,8,32; "
                    + "only that dimension changes")
    List<Integer> batches;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--seed", hidden = true, description = "old name of --random")
    Long seed;

    @Option(names = "--atol", defaultValue = "1e-5", description = "absolute tolerance for output agreement (default: ${DEFAULT-VALUE})")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "relative tolerance for output agreement (default: ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--no-placement", description = "skip the separate profiled run that records node placement (timed runs are never profiled)")
    boolean noPlacement;

    @Option(names = "--baseline", description = "also time a bare ONNX Runtime loop, interleaved with each CPU row's runs (harness overhead; with --runs)")
    boolean baseline;

    @Mixin
    PrecisionAxisOptions precisions = new PrecisionAxisOptions();

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Seed of the random values for inputs nobody gave, when --random is absent. */
    static final long DEFAULT_SEED = 42;

    @Override
    public Integer call() throws WorkbenchException {
        BenchmarkConfig config = config();
        if (!java.nio.file.Files.isRegularFile(model)) {
            throw new dev.onnxworkbench.models.onnx.ModelReadException(
                    dev.onnxworkbench.models.onnx.ModelReadException.Kind.IO, "Cannot benchmark " + model + ": no such file.");
        }
        Model parsed = new OnnxReader().read(model);
        InputSet inputSet = inputOptions.inputSet(model, parsed,
                inputOptions.randomSeedOr(seed != null ? seed : DEFAULT_SEED),
                batches == null || batches.isEmpty() ? null : (long) batches.getFirst());
        config = config.withInputs(inputSet);
        SessionFactory sessions = SessionFactory.withDefaults();
        if (!precisions.asked()) {
            return report(sessions, config);
        }
        ProviderVariant cpu = config.variants().stream().filter(v -> v.provider() == ExecutionProvider.CPU).findFirst()
                .orElse(ProviderVariant.cpuDefaults());
        var err = spec.commandLine().getErr();
        Progress progress = json ? Progress.NONE : (message, done, total) -> {
            err.printf("\r  %s\u001b[K", message);
            err.flush();
        };
        try (PrecisionCopies copies = precisions.copies(model, parsed, inputOptions, inputSet,
                new ModelVerifier(sessions, cpu.settings()), progress)) {
            if (!json) {
                err.print("\r\u001b[K");
            }
            return report(sessions, config.withPrecisions(copies.precisions()));
        }
    }

    private int report(SessionFactory sessions, BenchmarkConfig config) throws WorkbenchException {
        BenchmarkListener listener = json ? BenchmarkListener.NONE : new BenchmarkListener() {
            @Override
            public void providerFinished(dev.onnxworkbench.models.bench.ProviderResult result) {
                spec.commandLine().getErr().println("  done: " + result.label());
            }
        };
        BenchmarkReport report = new Benchmark(sessions, baseline).run(model, config, listener);
        var out = spec.commandLine().getOut();
        out.println(json ? BenchmarkJson.write(report, false) : BenchTable.render(report));
        out.flush();
        if (!report.cancelled() && report.providers().stream().noneMatch(ProviderResult::succeeded)) {
            // A table of unavailable rows is not a benchmark: say so and fail, so scripts notice.
            spec.commandLine().getErr().println("onnx-workbench: nothing was measured: " + report.providers().stream()
                    .map(r -> r.error() != null ? r.label() + " failed: " + r.error() : r.reason())
                    .collect(java.util.stream.Collectors.joining(" ")));
            return 1;
        }
        return 0;
    }

    private BenchmarkConfig config() throws BenchmarkException {
        List<ProviderVariant> variants = new ArrayList<>();
        if (sessionConfig != null) {
            try {
                variants.add(new ProviderVariant(SessionConfig.read(sessionConfig)));
            } catch (WorkbenchException e) {
                throw new BenchmarkException(e.getMessage(), e);
            }
        }
        List<String> names = providers != null ? providers
                : sessionConfig != null ? List.of() : List.of("cpu", "cuda", "tensorrt");
        Path cache = NativeLibraries.defaultDataDirectory().resolve("tensorrt-cache");
        for (String name : names) {
            ExecutionProvider p = ProviderVariant.parseProvider(name);
            if (p == ExecutionProvider.CPU && threads != null && !threads.isEmpty()) {
                for (int t : threads) {
                    if (t < 0) {
                        throw new BenchmarkException("--threads values must be 0 (ONNX Runtime's default) or more, not " + t + ".");
                    }
                    variants.add(ProviderVariant.cpu(t));
                }
            } else {
                variants.add(ProviderVariant.defaultsFor(p, cache));
            }
        }
        Integer runs = amount == null ? null : amount.runs;
        Double seconds = amount == null ? null : amount.durationSeconds;
        if (runs != null && runs < 1) {
            throw new BenchmarkException("--runs must be at least 1.");
        }
        if (seconds != null && !(seconds > 0)) {
            throw new BenchmarkException("--duration must be a positive number of seconds.");
        }
        if (warmup < 0) {
            throw new BenchmarkException("--warmup must be 0 or more.");
        }
        if (batches != null && batches.stream().anyMatch(b -> b < 1)) {
            throw new BenchmarkException("--batch sizes must be 1 or more.");
        }
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new BenchmarkException("--atol and --rtol must be 0 or more.");
        }
        return new BenchmarkConfig(variants, warmup, runs == null ? BenchmarkConfig.DEFAULT_RUNS : runs,
                seconds == null ? null : Duration.ofNanos((long) (seconds * 1e9)), batches, DEFAULT_SEED, new Tolerance(rtol, atol),
                !noPlacement);
    }
}
