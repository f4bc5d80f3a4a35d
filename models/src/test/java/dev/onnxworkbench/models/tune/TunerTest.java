package dev.onnxworkbench.models.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionConfig;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.testing.OptimizableModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuner's gate and ranking, and a short real tuning run (no timing assertions). */
class TunerTest {
    @TempDir
    Path tmp;

    private static Candidate candidate(ProviderSettings s, boolean isDefault, Candidate.Status status, boolean agrees, double p50) {
        return new Candidate(s, isDefault, status, null, LatencyStats.ofMillis(new double[] {p50, p50, p50}), agrees,
                agrees ? 0 : 1, 1);
    }

    @Test
    void onlyAgreeingMeasuredSettingsReachTheFinalWithTheDefaultsFirst() {
        ProviderSettings one = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");
        ProviderSettings two = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "2");
        ProviderSettings basic = ProviderSettings.cpu().with(ProviderOption.GRAPH_OPTIMIZATION, "basic");
        ProviderSettings fp16 = ProviderSettings.defaults(ExecutionProvider.TENSORRT).with(ProviderOption.TRT_FP16, "true");
        List<Candidate> results = List.of(
                candidate(ProviderSettings.cpu(), true, Candidate.Status.MEASURED, true, 5.0),
                candidate(fp16, false, Candidate.Status.DISAGREES, false, 0.5),      // fastest, but wrong: never wins
                candidate(one, false, Candidate.Status.MEASURED, true, 4.0),
                candidate(two, false, Candidate.Status.MEASURED, true, 3.0),
                candidate(basic, false, Candidate.Status.MEASURED, true, 6.0),
                Candidate.pending(ProviderSettings.cpu().with(ProviderOption.EXECUTION_MODE, "parallel"), false,
                        Candidate.Status.SKIPPED, "the time budget was spent"));
        assertThat(Tuner.finalists(results)).extracting(Candidate::settings)
                .containsExactly(ProviderSettings.cpu(), two, one);
    }

    @Test
    void combinationsOfOptionsThatHelpedAloneAreTriedFirst() {
        ProviderSettings one = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");
        ProviderSettings basic = ProviderSettings.cpu().with(ProviderOption.GRAPH_OPTIMIZATION, "basic");
        ProviderSettings parallel = ProviderSettings.cpu().with(ProviderOption.EXECUTION_MODE, "parallel");
        List<Candidate> done = List.of(
                candidate(ProviderSettings.cpu(), true, Candidate.Status.MEASURED, true, 10.0),
                candidate(one, false, Candidate.Status.MEASURED, true, 5.0),
                candidate(basic, false, Candidate.Status.MEASURED, true, 9.0),
                candidate(parallel, false, Candidate.Status.DISAGREES, false, 1.0));
        ProviderSettings oneBasic = one.with(ProviderOption.GRAPH_OPTIMIZATION, "basic");
        ProviderSettings oneParallel = one.with(ProviderOption.EXECUTION_MODE, "parallel");
        ProviderSettings basicParallel = basic.with(ProviderOption.EXECUTION_MODE, "parallel");
        ProviderSettings twoExtended = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "2")
                .with(ProviderOption.GRAPH_OPTIMIZATION, "extended");
        assertThat(CandidateGrid.mostPromisingFirst(List.of(basicParallel, twoExtended, oneParallel, oneBasic), done))
                .containsExactly(oneBasic, twoExtended, basicParallel, oneParallel);
    }

    @Test
    void theDefaultsWinATieInTheFinalRound() {
        LatencyStats same = LatencyStats.ofMillis(new double[] {2, 2, 2});
        assertThat(Tuner.winner(new LatencyStats[] {same, same})).isZero();
        assertThat(Tuner.winner(new LatencyStats[] {same, LatencyStats.ofMillis(new double[] {1, 1, 1})})).isEqualTo(1);
    }

    @Test
    void theGridStartsWithTheDefaultsAndChangesOneThingFirst() {
        List<ProviderSettings> grid = CandidateGrid.cpu(2);
        assertThat(grid.getFirst()).isEqualTo(ProviderSettings.cpu());
        assertThat(grid).doesNotHaveDuplicates();
        assertThat(grid.subList(1, 7)).allSatisfy(s -> assertThat(s.options()).hasSize(1));
        assertThat(grid).contains(ProviderSettings.cpu().with(ProviderOption.GRAPH_OPTIMIZATION, "disable")
                .with(ProviderOption.INTRA_OP_THREADS, "2").with(ProviderOption.EXECUTION_MODE, "parallel"));
        assertThat(CandidateGrid.tensorRt(tmp)).hasSize(4)
                .anySatisfy(s -> assertThat(s.option(ProviderOption.TRT_FP16)).isEqualTo("true"));
        assertThat(CandidateGrid.cuda()).anySatisfy(s -> assertThat(s.option(ProviderOption.CUDNN_CONV_ALGO_SEARCH))
                .isEqualTo("HEURISTIC"));
    }

    @Test
    void aShortTuningMeasuresTheDefaultsListsMissingGpusAndSavesAWinnerThatReadsBack() throws Exception {
        Path model = OptimizableModels.convBnRelu(tmp.resolve("net.onnx"));
        InputSet inputs = InputSet.builder(new OnnxReader().read(model)).dim("N", 1).randomFill(3).build();
        AtomicInteger finished = new AtomicInteger();
        List<String> messages = new ArrayList<>();
        TuneReport report = new Tuner(TestSessions.factory()).tune(model, inputs,
                new TuneRequest(Set.of(ExecutionProvider.CPU, ExecutionProvider.CUDA), Duration.ofSeconds(8),
                        Tolerance.DEFAULT, null),
                new TuneListener() {
                    @Override
                    public void candidateFinished(Candidate candidate) {
                        finished.incrementAndGet();
                    }

                    @Override
                    public void progress(double fraction, String message) {
                        if (message != null) {
                            messages.add(message);
                        }
                    }
                });

        Candidate first = report.candidates().stream().filter(Candidate::isDefault).findFirst().orElseThrow();
        assertThat(first.status()).isEqualTo(Candidate.Status.MEASURED);
        assertThat(first.agrees()).isTrue();
        assertThat(finished.get()).isEqualTo(report.candidates().size());
        assertThat(report.candidates()).filteredOn(c -> c.status() == Candidate.Status.MEASURED).hasSizeGreaterThan(1);
        if (!new dev.onnxworkbench.models.bench.ProviderProbe(TestSessions.factory()).probe(ExecutionProvider.CUDA).available()) {
            assertThat(report.candidates()).anySatisfy(c -> {
                assertThat(c.settings().provider()).isEqualTo(ExecutionProvider.CUDA);
                assertThat(c.status()).isEqualTo(Candidate.Status.UNAVAILABLE);
                assertThat(c.reason()).contains("settings skipped");
            });
        }
        assertThat(report.best()).isNotNull();
        assertThat(report.best().eligible()).isTrue();
        // The final round includes the defaults, so the winner is never slower than them in that same round.
        assertThat(report.bestLatency().p50()).isLessThanOrEqualTo(report.defaultLatency().p50());
        assertThat(report.speedup()).isGreaterThanOrEqualTo(1.0);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Trying CPU"));

        List<Path> saved = TunedConfig.save(report, tmp.resolve("best.json"));
        assertThat(SessionConfig.read(saved.get(0))).isEqualTo(report.best().settings());
        assertThat(Files.readString(saved.get(1))).contains("new OrtSession.SessionOptions()", "setIntraOpNumThreads");
        assertThat(Files.readString(saved.get(2))).contains("ort.SessionOptions()", "CPUExecutionProvider");

        var json = TuneJson.write(report, saved.get(0).toString());
        assertThat(json.path("candidates").get(0).path("config").path("provider").asText()).isEqualTo("cpu");
        assertThat(json.path("best").path("p50Ms").isNumber()).isTrue();
        assertThat(json.path("default").path("p99Ms").isNumber()).isTrue();
        assertThat(json.path("inputs").get(0).path("shape").toString()).isEqualTo("[1,3,16,16]");
    }

    @Test
    void cancellingStopsWithWhatWasMeasured() throws Exception {
        Path model = OptimizableModels.convBnRelu(tmp.resolve("net.onnx"));
        InputSet inputs = InputSet.builder(new OnnxReader().read(model)).dim("N", 1).randomFill(3).build();
        AtomicInteger finished = new AtomicInteger();
        TuneReport report = new Tuner(TestSessions.factory()).tune(model, inputs,
                new TuneRequest(Set.of(ExecutionProvider.CPU), Duration.ofSeconds(60), Tolerance.DEFAULT, null),
                new TuneListener() {
                    @Override
                    public void candidateFinished(Candidate candidate) {
                        finished.incrementAndGet();
                    }

                    @Override
                    public boolean isCancelled() {
                        return finished.get() >= 2;
                    }
                });
        assertThat(report.cancelled()).isTrue();
        assertThat(report.candidates()).filteredOn(c -> c.status() == Candidate.Status.SKIPPED)
                .allSatisfy(c -> assertThat(c.reason()).isEqualTo("cancelled")).isNotEmpty();
        assertThat(report.best()).isNotNull();
        assertThat(report.elapsedSeconds()).isLessThan(60);
    }

    @Test
    void snippetsForGpuProvidersNameTheirOptions() {
        ProviderSettings cuda = ProviderSettings.defaults(ExecutionProvider.CUDA).with(ProviderOption.CUDNN_CONV_ALGO_SEARCH, "HEURISTIC");
        assertThat(SessionSnippets.python(cuda, "m.onnx"))
                .contains("(\"CUDAExecutionProvider\", {\"cudnn_conv_algo_search\": \"HEURISTIC\"})");
        assertThat(SessionSnippets.java(cuda, "m.onnx")).contains("cuda.add(\"cudnn_conv_algo_search\", \"HEURISTIC\")");
        ProviderSettings trt = ProviderSettings.defaults(ExecutionProvider.TENSORRT).with(ProviderOption.TRT_FP16, "true");
        assertThat(SessionSnippets.python(trt, "m.onnx")).contains("\"trt_fp16_enable\": \"1\"", "CUDAExecutionProvider");
        assertThat(SessionSnippets.java(trt, "m.onnx")).contains("trt.add(\"trt_fp16_enable\", \"1\")", "options.addCUDA(cuda)");
    }
}
