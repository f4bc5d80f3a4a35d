package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.tune.Candidate;
import dev.onnxworkbench.models.tune.TuneJson;
import dev.onnxworkbench.models.tune.TuneListener;
import dev.onnxworkbench.models.tune.TuneReport;
import dev.onnxworkbench.models.tune.TuneRequest;
import dev.onnxworkbench.models.tune.TunedConfig;
import dev.onnxworkbench.models.tune.Tuner;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precisionaxis.PrecisionCopies;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tune MODEL [INPUTS]}: searches session settings within a time budget and saves the fastest that agrees. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Search session settings (provider, graph optimization level, threads, execution mode, GPU options) "
                + "and, with --precision, FP16/INT8 copies within a time budget; keep those whose outputs agree with "
                + "the CPU (copies: within --precision-atol/--precision-rtol of FP32); rank by p50; save the winner as "
                + "a session config with Java and Python snippets. Ctrl+C stops early with what was measured.")
final class TuneCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--providers", split = ",", paramLabel = "P", defaultValue = "cpu,cuda,tensorrt",
            description = "providers to try (default: ${DEFAULT-VALUE}); ones that do not load here are listed and skipped")
    List<String> providers;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "60",
            description = "wall time for the whole search, sessions included (default: ${DEFAULT-VALUE})")
    double budgetSeconds;

    @Option(names = "--out", paramLabel = "FILE.json",
            description = "save the winner as a session config here, with FILE.java.txt and FILE.py snippets beside it")
    Path out;

    @Option(names = "--atol", defaultValue = "1e-5", description = "absolute tolerance against the CPU (default: ${DEFAULT-VALUE})")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "relative tolerance against the CPU (default: ${DEFAULT-VALUE})")
    double rtol;

    @Mixin
    PrecisionAxisOptions precisions = new PrecisionAxisOptions();

    @Option(names = "--precision-atol", defaultValue = "1e-3", description = "absolute error against FP32 a "
            + "lower-precision copy may have (default: ${DEFAULT-VALUE}); an element fails when over both")
    double precisionAtol;

    @Option(names = "--precision-rtol", defaultValue = "1e-2", description = "relative error against FP32 a "
            + "lower-precision copy may have (default: ${DEFAULT-VALUE})")
    double precisionRtol;

    @Option(names = "--json", description = "print one JSON object (progress still goes to stderr)")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        if (!(budgetSeconds > 0) || budgetSeconds > 24 * 3600) {
            throw new OptionValueException("--budget must be a number of seconds above 0, e.g. 60.");
        }
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new OptionValueException("--atol and --rtol must be 0 or more.");
        }
        if (!(precisionAtol >= 0) || !(precisionRtol >= 0)) {
            throw new OptionValueException("--precision-atol and --precision-rtol must be 0 or more.");
        }
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("The model file " + model + " does not exist or is not a file.");
        }
        EnumSet<ExecutionProvider> chosen = EnumSet.of(ExecutionProvider.CPU);
        for (String name : providers) {
            chosen.add(ProviderVariant.parseProvider(name));
        }
        Model parsed = new OnnxReader().read(model);
        InputSet inputs = inputOptions.inputSet(model, parsed, BenchCommand.DEFAULT_SEED, 1L);
        PrintWriter err = spec.commandLine().getErr();
        if (!precisions.asked()) {
            return tune(inputs, chosen, List.of(), err);
        }
        err.println("writing the lower-precision copies of " + model.getFileName() + "…");
        try (PrecisionCopies copies = precisions.copies(model, parsed, inputOptions, inputs,
                new ModelVerifier(SessionFactory.withDefaults(), ProviderSettings.cpu()), Progress.NONE)) {
            return tune(inputs, chosen, copies.precisions(), err);
        }
    }

    private int tune(InputSet inputs, EnumSet<ExecutionProvider> chosen, List<ModelPrecision> precisions,
                     PrintWriter err) throws WorkbenchException {
        err.println("tuning " + model.getFileName() + " for " + fmt(budgetSeconds) + " s on " + inputs.summary());
        if (!precisions.isEmpty()) {
            err.println("precisions: " + String.join(", ", precisions.stream().map(p -> p.label() + " ("
                    + dev.onnxworkbench.models.HumanUnits.bytes(p.bytes()) + ")").toList())
                    + String.format(Locale.ROOT, "; a copy wins only within atol %.0e / rtol %.0e of FP32",
                    precisionAtol, precisionRtol));
        }

        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            cancelled.set(true);
            try {
                done.await(15, TimeUnit.SECONDS); // let the report and the saved config be written
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tune-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        TuneReport report;
        try {
            AtomicInteger n = new AtomicInteger();
            report = new Tuner(SessionFactory.withDefaults()).tune(model, inputs,
                    new TuneRequest(chosen, Duration.ofMillis((long) (budgetSeconds * 1000)), new Tolerance(rtol, atol),
                            NativeLibraries.defaultDataDirectory().resolve("tensorrt-cache"), precisions,
                            new Tolerance(precisionRtol, precisionAtol)),
                    new TuneListener() {
                        @Override
                        public void candidateFinished(Candidate c) {
                            err.println(String.format(Locale.ROOT, "  %2d %-72s %s", n.incrementAndGet(), c.label(), outcome(c)));
                            err.flush();
                        }

                        @Override
                        public void progress(double fraction, String message) {
                            if (message != null && message.startsWith("Final round")) {
                                err.println("  " + message + "…");
                                err.flush();
                            }
                        }

                        @Override
                        public boolean isCancelled() {
                            return cancelled.get();
                        }
                    });
            List<Path> saved = out != null && report.best() != null ? TunedConfig.save(report, out) : List.of();
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                try {
                    o.println(new ObjectMapper().writeValueAsString(TuneJson.write(report, saved.isEmpty() ? null
                            : saved.getFirst().toString())));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                printSummary(o, report, saved);
            }
            o.flush();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running and waits for the countdown above
            }
        }
        if (report.best() == null) {
            err.println("onnx-workbench: no setting ran with outputs that agree with the CPU; nothing to recommend.");
            return 1;
        }
        return 0;
    }

    static String outcome(Candidate c) {
        return switch (c.status()) {
            case MEASURED -> String.format(Locale.ROOT, "p50 %s ms  p99 %s ms  max err %.2g", fmt(c.p50Ms()), fmt(c.p99Ms()),
                    c.maxAbsError());
            case DISAGREES -> String.format(Locale.ROOT, "p50 %s ms  DISAGREES: %s", fmt(c.p50Ms()), c.reason());
            case REJECTED -> String.format(Locale.ROOT, "p50 %s ms  REJECTED (never the winner): %s", fmt(c.p50Ms()),
                    c.reason());
            default -> c.status().jsonName() + ": " + c.reason();
        };
    }

    private static void printSummary(PrintWriter o, TuneReport r, List<Path> saved) {
        if (r.best() == null) {
            o.println("No setting ran with outputs that agree with the CPU reference.");
            return;
        }
        o.println("best:    " + r.best().label());
        r.inputs().forEach(d -> o.println("input:   " + d));
        o.printf(Locale.ROOT, "         p50 %s ms, p99 %s ms%n", fmt(r.bestLatency().p50()), fmt(r.bestLatency().p99()));
        if (r.defaultLatency() != null) {
            o.printf(Locale.ROOT, "default: p50 %s ms, p99 %s ms  (speedup %.2f×)%n", fmt(r.defaultLatency().p50()),
                    fmt(r.defaultLatency().p99()), r.speedup());
        }
        o.println(r.finalRound());
        r.candidates().stream().filter(c -> c.status() == Candidate.Status.REJECTED).forEach(c ->
                o.println("rejected: " + c.label() + ": " + c.reason()));
        long measured = r.candidates().stream().filter(c -> c.latency() != null).count();
        o.printf(Locale.ROOT, "%d settings measured in %.1f s of a %s s budget%s.%n", measured, r.elapsedSeconds(),
                fmt(r.budgetSeconds()), r.cancelled() ? " (cancelled)" : "");
        if (saved.isEmpty()) {
            o.println("(give --out best.json to save it as a session config with Java and Python snippets)");
        } else {
            o.println("saved: " + String.join(", ", saved.stream().map(Path::toString).toList()));
        }
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
