package dev.onnxworkbench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.FxTaskExecutor;
import dev.onnxworkbench.models.bench.BatchResult;
import dev.onnxworkbench.models.bench.Benchmark;
import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.BenchmarkHistory;
import dev.onnxworkbench.models.bench.BenchmarkListener;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.bench.MachineInfo;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The races of "Compare providers" as plain unit tests of its view-model. */
class CompareViewModelTest {
    @TempDir
    Path tmp;

    private static final BenchmarkReport.BenchmarkSettings SETTINGS =
            new BenchmarkReport.BenchmarkSettings(0, 5, null, List.of(1), 42, "random, seed 42",
                    dev.onnxworkbench.models.tensor.Tolerance.DEFAULT);

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

    @Test
    void openingModelBWhileAsBenchmarkRunsLeavesNoARowsInB() throws Exception {
        Model a = model("a.onnx");
        Model b = model("b.onnx");
        CompareViewModel[] vm = new CompareViewModel[1];
        vm[0] = new CompareViewModel(now, (file, config, listener) -> {
            if (file.endsWith("a.onnx")) {
                listener.providerFinished(row("CPU A first"));
                vm[0].showModel(b); // the user opens B while A's benchmark still runs
                listener.providerFinished(row("CPU A second"));
                return report(file, "CPU A first", "CPU A second");
            }
            listener.providerFinished(row("CPU B"));
            return report(file, "CPU B");
        }, new BenchmarkHistory(tmp.resolve("history")));
        vm[0].showModel(a);
        vm[0].run(form());

        assertThat(vm[0].modelProperty().get()).isSameAs(b);
        assertThat(vm[0].rows()).isEmpty();
        assertThat(vm[0].reportProperty().get()).isNull();
        assertThat(vm[0].statusProperty().get()).startsWith("Ready");
        assertThat(vm[0].pastRuns()).as("A's run is not saved as B's history").isEmpty();
        assertThat(vm[0].runningProperty().get()).isFalse();

        vm[0].run(form());
        assertThat(vm[0].rows()).extracting(r -> r.variant().settings().option(dev.onnxworkbench.models.runtime.ProviderOption.INTRA_OP_THREADS))
                .hasSize(1);
        assertThat(vm[0].reportProperty().get().model()).endsWith("b.onnx");
        assertThat(vm[0].pastRuns()).hasSize(1);
    }

    @Test
    void failedRowsAreCountedAndTheSummaryIsNotASuccess() throws Exception {
        CompareViewModel vm = new CompareViewModel(now, (file, config, listener) -> new BenchmarkReport(file.toString(),
                Instant.now(), MachineInfo.current(), SETTINGS, List.of(failed("Pad reflect requires axis length >= 2"),
                failed("long overflow"), unavailable(), unavailable()), false), new BenchmarkHistory(tmp.resolve("h")));
        vm.showModel(model("m.onnx"));
        vm.run(form());
        assertThat(vm.statusProperty().get()).isEqualTo("Done: 0 measured, 2 failed, 2 unavailable.");
        assertThat(vm.statusKindProperty().get()).isEqualTo(CompareViewModel.StatusKind.ERROR);
    }

    @Test
    void aTypingMistakeIsTheStatusAndNothingRuns() throws Exception {
        boolean[] ran = {false};
        CompareViewModel vm = new CompareViewModel(now, (file, config, listener) -> {
            ran[0] = true;
            return null;
        }, new BenchmarkHistory(tmp.resolve("h")));
        vm.showModel(model("m.onnx"));
        vm.run(new CompareForm(EnumSet.of(ExecutionProvider.CPU), "1, many", "all", "sequential", "0", "DEFAULT", false,
                "0", false, false, "1024", false, true, null, "0", false, "5", "1", "1", false, "42", "1e-5", "1e-3"));
        assertThat(ran[0]).isFalse();
        assertThat(vm.statusProperty().get()).contains("CPU threads").contains("'many'");
        assertThat(vm.statusKindProperty().get()).isEqualTo(CompareViewModel.StatusKind.ERROR);
    }

    /** A real benchmark of a minute on a thread of its own: Cancel ends that thread within a second. */
    @Test
    void cancelStopsTheBenchmarksThreadWithinOneSecond() throws Exception {
        FxToolkit.registerPrimaryStage();
        ExecutorService threadPerTask = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("bench-", 0).factory());
        FxTaskExecutor tasks = new FxTaskExecutor(threadPerTask);
        AtomicReference<Thread> benchmarkThread = new AtomicReference<>();
        var sessions = TestSessions.factory();
        Benchmark benchmark = new Benchmark(sessions, new dev.onnxworkbench.models.bench.ProviderProbe(sessions), false);
        CompareViewModel vm = new CompareViewModel(tasks, (file, config, listener) -> {
            benchmarkThread.set(Thread.currentThread());
            return benchmark.run(file, config, listener);
        }, new BenchmarkHistory(tmp.resolve("h")));
        Model m = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        CompareForm minute = new CompareForm(EnumSet.of(ExecutionProvider.CPU), "1", "all", "sequential", "0", "DEFAULT",
                false, "0", false, false, "1024", false, true, null, "1", true, "5", "60", "1", false, "42", "1e-5", "1e-3");
        WaitForAsyncUtils.asyncFx(() -> {
            vm.showModel(m);
            vm.run(minute);
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.statusProperty().get().startsWith("Timing"));
        Thread thread = benchmarkThread.get();
        assertThat(thread.isAlive()).isTrue();

        WaitForAsyncUtils.asyncFx(vm::cancel).get(5, TimeUnit.SECONDS);
        thread.join(1000);
        assertThat(thread.isAlive()).as("the benchmark's thread has ended").isFalse();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).startsWith("Cancelled");
        threadPerTask.shutdownNow();
    }

    private Model model(String name) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(tmp);
        if (!Files.exists(file)) {
            Files.copy(SampleModels.dominantColour(tmp.resolve("models-" + name)), file);
        }
        return new OnnxReader().read(file);
    }

    private static CompareForm form() {
        return new CompareForm(EnumSet.of(ExecutionProvider.CPU), "1", "all", "sequential", "0", "DEFAULT", false, "0",
                false, false, "1024", false, true, null, "0", false, "5", "1", "1", false, "42", "1e-5", "1e-3");
    }

    private static ProviderResult row(String what) {
        return new ProviderResult(ProviderVariant.cpu(1), true, null, null, 1, 1,
                List.of(new BatchResult(1, LatencyStats.ofMillis(new double[] {1, 2, 3}), 500)), List.of(), null, null);
    }

    private static ProviderResult failed(String error) {
        return new ProviderResult(ProviderVariant.cpu(1), true, null, error, Double.NaN, Double.NaN, List.of(), List.of(), null, null);
    }

    private static ProviderResult unavailable() {
        return new ProviderResult(ProviderVariant.cudaDefaults(), false, "missing libcudart.so.12", null, Double.NaN,
                Double.NaN, List.of(), List.of(), null, null);
    }

    private static BenchmarkReport report(Path file, String... rows) {
        return new BenchmarkReport(file.toString(), Instant.now(), MachineInfo.current(),
                SETTINGS,
                java.util.Arrays.stream(rows).map(CompareViewModelTest::row).toList(), false);
    }
}
