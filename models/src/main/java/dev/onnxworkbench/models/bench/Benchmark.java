package dev.onnxworkbench.models.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderDiagnosis;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares execution providers on one model, on exactly the configured {@link InputSet} (its shapes and
 * values; the batch sweep changes only its batch dimension): per provider variant, session creation
 * (engine build included), a first run, warm-up, timed runs per batch size, and the outputs of that first
 * run against the CPU reference. Node placement comes from a separate profiled session after the timed
 * runs, so no timed run is ever profiled. A provider that fails becomes a row with its reason; the others
 * go on. Timing wraps {@code session.run} only. With a precision axis ({@link BenchmarkConfig#precisions()}) every
 * provider variant runs every precision's model file in turn, each compared with the FP32 model's CPU outputs.
 */
public final class Benchmark {
    private static final long PROGRESS_INTERVAL_NS = 50_000_000L;
    /** Short rounds, so that bursts of load from other processes hit both loops alike. */
    private static final int RUNS_PER_BASELINE_ROUND = 10;

    private final SessionFactory sessions;
    private final ProviderProbe probe;
    private final boolean measureBaseline;
    private OrtEnvironment env;

    /**
     * @param sessions        the runtime's factory: its environment, native libraries and provider checks
     * @param probe           availability answers for GPU providers (shared with the UI so each is asked once)
     * @param measureBaseline also time a bare ONNX Runtime loop, interleaved with each CPU row's timed runs (harness overhead)
     */
    public Benchmark(SessionFactory sessions, ProviderProbe probe, boolean measureBaseline) {
        this.sessions = sessions;
        this.probe = probe;
        this.measureBaseline = measureBaseline;
    }

    public Benchmark(SessionFactory sessions, boolean measureBaseline) {
        this(sessions, new ProviderProbe(sessions), measureBaseline);
    }

    public BenchmarkReport run(Path model, BenchmarkConfig config, BenchmarkListener listener) throws BenchmarkException {
        if (!Files.isRegularFile(model)) {
            throw new BenchmarkException("Cannot benchmark " + model + ": no such file.");
        }
        try {
            env = sessions.environment();
        } catch (WorkbenchException e) {
            throw new BenchmarkException(e.getMessage(), e);
        }
        List<InputSet> sets;
        try {
            sets = BenchmarkInputs.sweep(model, config);
        } catch (WorkbenchException e) {
            throw new BenchmarkException(e.getMessage(), e);
        }
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.current();
        Progress progress = new Progress(listener, config);
        Reference reference = new Reference(config);
        List<ProviderResult> results = new ArrayList<>();
        boolean cancelled = false;
        List<ModelPrecision> axis = config.precisions().isEmpty() ? java.util.Collections.singletonList(null)
                : config.precisions();
        int row = 0;
        rows:
        for (ProviderVariant variant : config.variants()) {
            if (axis.size() > 1 && variant.provider() != ExecutionProvider.CPU) {
                // A provider that does not load here gets one row saying why, not one per precision.
                ProviderStatus status = probe.probe(variant.provider());
                if (!status.available()) {
                    ProviderResult result = ProviderResult.unavailable(variant, status.reason());
                    results.add(result);
                    listener.providerFinished(result);
                    row += axis.size();
                    continue;
                }
            }
            for (ModelPrecision precision : axis) {
                if (listener.isCancelled()) {
                    cancelled = true;
                    break rows;
                }
                progress.startVariant(row++, precision == null ? variant.label() : variant.label() + " · " + precision.label());
                ProviderResult result;
                try {
                    if (reference.outputs == null) {
                        reference.compute(model, this, sets.getFirst());
                    }
                    result = runVariant(precision == null ? model : precision.file(), variant, precision, config, sets,
                            reference, progress);
                } catch (CancelledException e) {
                    cancelled = true;
                    break rows;
                }
                results.add(result);
                listener.providerFinished(result);
            }
        }
        if (!cancelled) {
            listener.progress(1.0, "Done");
        }
        return new BenchmarkReport(model.toString(), started, machine, BenchmarkReport.BenchmarkSettings.of(config, sets.getFirst()),
                results, cancelled);
    }

    @SuppressWarnings("try") // results are opened only to be closed
    private ProviderResult runVariant(Path model, ProviderVariant variant, ModelPrecision precision, BenchmarkConfig config,
                                      List<InputSet> sets, Reference reference, Progress progress) throws CancelledException {
        if (variant.provider() != ExecutionProvider.CPU) {
            // The runtime's factory decides availability (and unpacks the provider library once per installation).
            ProviderStatus status = probe.probe(variant.provider());
            if (!status.available()) {
                return ProviderResult.unavailable(variant, status.reason(), precision);
            }
        }
        OrtSession session;
        double createMs;
        try (OrtSession.SessionOptions options = sessions.sessionOptions(variant.settings())) {
            long t0 = System.nanoTime();
            session = env.createSession(model.toString(), options);
            createMs = (System.nanoTime() - t0) / 1e6;
        } catch (WorkbenchException | OrtException | RuntimeException | UnsatisfiedLinkError e) {
            // One classification for the window, run and bench: SessionFactory's (by error code first).
            return ProviderDiagnosis.isLoadFailure(variant.provider(), e)
                    ? ProviderResult.unavailable(variant, ProviderDiagnosis.explain(variant.provider(), e), precision)
                    : ProviderResult.failed(variant, "Could not create a session: " + ProviderDiagnosis.message(e), precision);
        }
        double firstRunMs = Double.NaN;
        NodePlacement placement = NodePlacement.NONE;
        List<OutputAgreement> agreement = List.of();
        List<BatchResult> batches = new ArrayList<>();
        BareLoopBaseline baseline = null;
        try (session) {
            for (int b = 0; b < sets.size(); b++) {
                InputSet set = sets.get(b);
                Map<String, OnnxTensor> feed = BenchmarkInputs.tensors(env, set);
                try {
                    if (b == 0) {
                        long t0 = System.nanoTime();
                        try (OrtSession.Result first = session.run(feed)) {
                            firstRunMs = (System.nanoTime() - t0) / 1e6;
                            agreement = OutputComparison.compare(OutputComparison.capture(first), reference.outputs, config.tolerances());
                        }
                    }
                    for (int w = 0; w < config.warmupRuns(); w++) {
                        try (OrtSession.Result ignored = session.run(feed)) {
                            progress.warmup(b, sets.size(), w);
                        }
                    }
                    TimedRuns timed;
                    if (b == 0 && measureBaseline && variant.provider() == ExecutionProvider.CPU && config.duration() == null) {
                        Interleaved interleaved = interleaveWithBareLoop(session, feed, config, progress, sets.size());
                        timed = interleaved.harness();
                        baseline = interleaved.baseline();
                    } else {
                        timed = time(session, feed, config.timedRuns(), config.duration(), progress, b, sets.size(), 0, 1);
                    }
                    LatencyStats stats = LatencyStats.ofNanos(timed.samples, timed.count);
                    int batch = BenchmarkInputs.batchOf(set);
                    batches.add(new BatchResult(batch, stats, batch * 1000.0 / stats.mean(), shapes(set)));
                } finally {
                    BenchmarkInputs.close(feed);
                }
            }
        } catch (OrtException | WorkbenchException | RuntimeException e) {
            return new ProviderResult(variant, true, null, "Failed while running: " + ProviderDiagnosis.message(e),
                    createMs, firstRunMs, batches, agreement, placement, baseline, precision);
        }
        if (config.profilePlacement()) {
            placement = profilePlacement(model, variant, sets.getFirst());
        }
        return new ProviderResult(variant, true, null, null, createMs, firstRunMs, batches, agreement, placement, baseline,
                precision);
    }

    /** "x float32[8,3,640,640]; sr int64[]". */
    static String shapes(InputSet set) {
        return set.describe().stream().map(d -> d.name() + " " + d.type() + d.shapeText())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /**
     * Node placement from a session of its own with ONNX Runtime's profiler on, run once on the headline
     * inputs: the timed session is never profiled. A failure here only loses the placement, not the row.
     */
    @SuppressWarnings("try") // the result is opened only to be closed
    private NodePlacement profilePlacement(Path model, ProviderVariant variant, InputSet set) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("onnx-workbench-profile");
            try (OrtSession.SessionOptions options = sessions.sessionOptions(variant.settings())) {
                options.enableProfiling(dir.resolve("profile").toString());
                try (OrtSession profiled = env.createSession(model.toString(), options)) {
                    Map<String, OnnxTensor> feed = BenchmarkInputs.tensors(env, set);
                    try (OrtSession.Result ignored = profiled.run(feed)) {
                        return ProfileParser.parse(Path.of(profiled.endProfiling()));
                    } finally {
                        BenchmarkInputs.close(feed);
                    }
                }
            }
        } catch (IOException | OrtException | WorkbenchException | RuntimeException e) {
            return NodePlacement.NONE;
        } finally {
            deleteQuietly(dir);
        }
    }

    private record TimedRuns(long[] samples, int count, long wallNs) {}

    /**
     * Timed runs: the clock is read right before and right after {@code session.run}, nothing else is
     * inside. {@code from}/{@code to} place this loop within the batch size's share of the progress.
     */
    private TimedRuns time(OrtSession session, Map<String, OnnxTensor> feed, int runs, java.time.Duration duration,
                           Progress progress, int batchIndex, int batchCount, double from, double to)
            throws OrtException, CancelledException {
        boolean byDuration = duration != null;
        long budgetNs = byDuration ? duration.toNanos() : 0;
        long[] samples = new long[byDuration ? 1024 : runs];
        int count = 0;
        long start = System.nanoTime();
        long lastReport = start;
        while (true) {
            long t0 = System.nanoTime();
            OrtSession.Result result = session.run(feed);
            long t1 = System.nanoTime();
            result.close();
            if (count == samples.length) {
                samples = java.util.Arrays.copyOf(samples, samples.length * 2);
            }
            samples[count++] = t1 - t0;
            if (byDuration ? t1 - start >= budgetNs : count == samples.length) {
                break;
            }
            if (t1 - lastReport > PROGRESS_INTERVAL_NS) {
                lastReport = t1;
                double done = byDuration ? (t1 - start) / (double) budgetNs : count / (double) samples.length;
                progress.timed(batchIndex, batchCount, from + (to - from) * done);
            }
        }
        return new TimedRuns(samples, count, System.nanoTime() - start);
    }

    private record Interleaved(TimedRuns harness, BareLoopBaseline baseline) {}

    /**
     * The row's timed runs split into rounds that alternate with a bare loop ({@code try (Result r =
     * run(feed)) {}} with a clock read around it) on the same session and inputs, so both see the same
     * machine load and warm-up. The row's statistics come from the harness rounds as usual; overhead
     * compares wall time per run of the fastest round of each (everything the harness does per run).
     */
    @SuppressWarnings("try") // results are opened only to be closed
    private Interleaved interleaveWithBareLoop(OrtSession session, Map<String, OnnxTensor> feed, BenchmarkConfig config,
                                               Progress progress, int batchCount) throws OrtException, CancelledException {
        int total = config.timedRuns();
        int rounds = Math.max(1, total / RUNS_PER_BASELINE_ROUND);
        long[] harnessSamples = new long[total];
        long[] bareSamples = new long[total];
        double[] harnessWall = new double[rounds];
        double[] bareWall = new double[rounds];
        int done = 0;
        for (int round = 0; round < rounds; round++) {
            int runs = (total - done) / (rounds - round);
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                try (OrtSession.Result r = session.run(feed)) {
                    bareSamples[done + i] = System.nanoTime() - t0;
                }
            }
            bareWall[round] = (System.nanoTime() - start) / (double) runs;
            TimedRuns harness = time(session, feed, runs, null, progress, 0, batchCount,
                    done / (double) total, (done + runs) / (double) total);
            System.arraycopy(harness.samples, 0, harnessSamples, done, runs);
            harnessWall[round] = harness.wallNs / (double) runs;
            done += runs;
        }
        // Other processes only ever add time, so the fastest round of each is the cleanest comparison.
        double overheadUs = (java.util.Arrays.stream(harnessWall).min().orElseThrow()
                - java.util.Arrays.stream(bareWall).min().orElseThrow()) / 1e3;
        LatencyStats bare = LatencyStats.ofNanos(bareSamples, total);
        return new Interleaved(new TimedRuns(harnessSamples, total, 0),
                new BareLoopBaseline(total, bare.p50(), bare.mean(), overheadUs));
    }

    /** The CPU reference outputs every provider is compared with: the first CPU variant's options, else defaults. */
    private static final class Reference {
        private final BenchmarkConfig config;
        private Map<String, OutputComparison.Values> outputs;

        Reference(BenchmarkConfig config) {
            this.config = config;
        }

        void compute(Path model, Benchmark benchmark, InputSet set) {
            ProviderVariant cpu = config.variants().stream().filter(v -> v.provider() == ExecutionProvider.CPU).findFirst()
                    .orElse(ProviderVariant.cpuDefaults());
            Map<String, OnnxTensor> feed = Map.of();
            try (OrtSession.SessionOptions options = benchmark.sessions.sessionOptions(cpu.settings());
                 OrtSession session = benchmark.env.createSession(model.toString(), options)) {
                feed = BenchmarkInputs.tensors(benchmark.env, set);
                try (OrtSession.Result result = session.run(feed)) {
                    outputs = OutputComparison.capture(result);
                }
            } catch (OrtException | WorkbenchException | RuntimeException e) {
                // No reference: every row's agreement says why instead of failing the comparison.
                outputs = new LinkedHashMap<>();
                outputs.put("(all outputs)", new OutputComparison.Values(null, null,
                        "no CPU reference: " + ProviderDiagnosis.message(e)));
            } finally {
                if (!feed.isEmpty()) {
                    BenchmarkInputs.close(new LinkedHashMap<>(feed));
                }
            }
        }
    }

    /** Maps per-variant steps onto one 0..1 progress value. */
    private static final class Progress {
        private final BenchmarkListener listener;
        private final BenchmarkConfig config;
        private int variantIndex;
        private String label = "";

        Progress(BenchmarkListener listener, BenchmarkConfig config) {
            this.listener = listener;
            this.config = config;
        }

        void startVariant(int index, String rowLabel) {
            variantIndex = index;
            label = rowLabel;
            report(0.0, "Creating session: " + label);
        }

        void warmup(int batchIndex, int batchCount, int run) throws CancelledException {
            checkCancelled();
            double within = config.warmupRuns() == 0 ? 0 : 0.1 * (run + 1) / config.warmupRuns();
            report((batchIndex + within) / batchCount, "Warming up: " + label);
        }

        void timed(int batchIndex, int batchCount, double done) throws CancelledException {
            checkCancelled();
            report((batchIndex + 0.1 + 0.9 * Math.min(done, 1.0)) / batchCount, "Timing: " + label);
        }

        private void report(double withinVariant, String message) {
            listener.progress((variantIndex + withinVariant) / config.rowCount(), message);
        }

        private void checkCancelled() throws CancelledException {
            if (listener.isCancelled()) {
                throw new CancelledException();
            }
        }
    }

    private static final class CancelledException extends Exception {
        CancelledException() {
            super(null, null, false, false);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover temp file is not worth failing a benchmark for
        }
    }
}
