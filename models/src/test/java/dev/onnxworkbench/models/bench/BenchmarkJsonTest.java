package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.runtime.ExecutionProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkJsonTest {
    @TempDir
    Path dir;

    static BenchmarkReport sampleReport(Instant started) {
        LatencyStats l = LatencyStats.ofMillis(new double[] {1, 2, 3, 4});
        ProviderResult cpu = new ProviderResult(ProviderVariant.cpu(2), true, null, null, 12.5, 3.25,
                List.of(new BatchResult(1, l, 400, "x float32[1,4]"), new BatchResult(8, l, 3200, "x float32[8,4]")),
                List.of(new OutputAgreement("y", 0, 0, 0, true, null)),
                new NodePlacement(Map.of("CPU", List.of("conv", "relu"))), new BareLoopBaseline(4, 2.4, 2.5, 0.3));
        ProviderResult cuda = ProviderResult.unavailable(ProviderVariant.cudaDefaults(), "CUDA is unavailable: libcuda.so.1 missing.");
        ProviderResult odd = new ProviderResult(ProviderVariant.cpu(1), true, null, null, 1, 1, List.of(new BatchResult(1, l, 400)),
                List.of(new OutputAgreement("y", 0.5, Double.POSITIVE_INFINITY, 1, false, null)), NodePlacement.NONE, null);
        MachineInfo machine = new MachineInfo("Linux", "amd64", "AMD EPYC", 2, 23.5, "25", "1.29.0");
        var settings = new BenchmarkReport.BenchmarkSettings(10, 100, null, List.of(1, 8), 42, "random, seed 42", Tolerance.DEFAULT,
                List.of(new dev.onnxworkbench.models.runtime.inputs.InputDescription("x", "float32", new long[] {1, 4}, "random, seed 42")));
        return new BenchmarkReport("/models/m.onnx", started, machine, settings, List.of(cpu, cuda, odd), false);
    }

    @Test
    void writesTheDesignContractFields() throws Exception {
        JsonNode root = new ObjectMapper().readTree(BenchmarkJson.write(sampleReport(Instant.parse("2026-11-21T06:00:00Z")), false));
        assertThat(root.path("model").asText()).isEqualTo("/models/m.onnx");
        assertThat(root.path("machine").path("cpu").asText()).isEqualTo("AMD EPYC");
        JsonNode cpu = root.path("providers").get(0);
        assertThat(cpu.path("provider").asText()).isEqualTo("cpu");
        assertThat(cpu.path("available").asBoolean()).isTrue();
        assertThat(cpu.path("options").path("intra_op_num_threads").asText()).isEqualTo("2");
        assertThat(cpu.path("sessionCreateMs").asDouble()).isEqualTo(12.5);
        assertThat(cpu.path("firstRunMs").asDouble()).isEqualTo(3.25);
        assertThat(cpu.path("runs").asInt()).isEqualTo(4);
        for (String f : List.of("min", "mean", "std", "p50", "p90", "p95", "p99", "max")) {
            assertThat(cpu.path("latencyMs").path(f).isNumber()).as(f).isTrue();
        }
        assertThat(cpu.path("throughputPerSec").asDouble()).isEqualTo(400);
        assertThat(cpu.path("agreement").get(0).path("pass").asBoolean()).isTrue();
        assertThat(cpu.path("nodePlacement").path("CPU").asInt()).isEqualTo(2);
        assertThat(cpu.path("batches")).hasSize(2);
        assertThat(cpu.path("batches").get(1).path("shapes").asText()).isEqualTo("x float32[8,4]");
        assertThat(root.path("inputs").get(0).path("shape").toString()).isEqualTo("[1,4]");
        assertThat(root.path("inputs").get(0).path("source").asText()).isEqualTo("random, seed 42");
        JsonNode cuda = root.path("providers").get(1);
        assertThat(cuda.path("available").asBoolean()).isFalse();
        assertThat(cuda.path("reason").asText()).contains("libcuda.so.1");
        assertThat(cuda.path("latencyMs").isNull()).isTrue();
        assertThat(cuda.path("sessionCreateMs").isNull()).isTrue(); // NaN is written as null, never as a bare NaN
        assertThat(root.path("providers").get(2).path("agreement").get(0).path("maxRelError").isNull()).isTrue();
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        BenchmarkReport original = sampleReport(Instant.parse("2026-11-21T06:00:00Z"));
        BenchmarkReport read = BenchmarkJson.read(BenchmarkJson.write(original, true));
        assertThat(read.providers()).hasSize(3);
        assertThat(read.providers().getFirst().variant()).isEqualTo(original.providers().getFirst().variant());
        assertThat(read.providers().getFirst().latency()).isEqualTo(original.providers().getFirst().latency());
        assertThat(read.providers().getFirst().placement()).isEqualTo(original.providers().getFirst().placement());
        assertThat(read.settings().inputShapes()).isEqualTo(original.settings().inputShapes());
        assertThat(read.providers().getFirst().batches()).isEqualTo(original.providers().getFirst().batches());
        assertThat(read.providers().getFirst().baseline()).isEqualTo(original.providers().getFirst().baseline());
        assertThat(read.providers().get(1).reason()).isEqualTo(original.providers().get(1).reason());
        assertThat(read.machine()).isEqualTo(original.machine());
        assertThat(read.settings()).isEqualTo(original.settings());
        assertThat(read.startedAt()).isEqualTo(original.startedAt());
    }

    @Test
    void somethingElseIsAUserError() {
        assertThatThrownBy(() -> BenchmarkJson.read("{\"model\": 3}")).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("not a benchmark result");
    }

    @Test
    void exportsCsvAndMarkdown() throws Exception {
        BenchmarkReport report = sampleReport(Instant.parse("2026-11-21T06:00:00Z"));
        Path csv = dir.resolve("r.csv");
        BenchmarkExport.write(report, BenchmarkExport.Format.CSV, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 2 + 1 + 1); // header, CPU×2 batch sizes, CUDA, odd
        assertThat(lines.getFirst()).startsWith("provider,label,options,available,reason");
        assertThat(lines.get(1)).startsWith("cpu,CPU · 2 threads,intra_op_num_threads=2,true,,,1,\"x float32[1,4]\",12.5,3.25,4,1.0,2.5,");
        assertThat(lines.get(3)).startsWith("cuda,CUDA,").contains("false,CUDA is unavailable");
        String md = BenchmarkExport.render(report, BenchmarkExport.Format.MARKDOWN);
        assertThat(md).contains("| CPU · 2 threads | 8 | x float32[8,4] |").contains("- Input: x float32[1,4] random, seed 42").contains("unavailable: CUDA is unavailable").contains("FAIL: y");
        assertThat(BenchmarkExport.render(report, BenchmarkExport.Format.JSON)).contains("\"providers\"");
    }

    @Test
    void historyKeepsReportsPerModelNewestFirst() throws Exception {
        Path a = Files.writeString(dir.resolve("a.onnx"), "model a");
        Path b = Files.writeString(dir.resolve("b.onnx"), "model b");
        BenchmarkHistory history = new BenchmarkHistory(dir.resolve("data"));
        history.save(a, sampleReport(Instant.parse("2026-11-21T06:00:00Z")));
        history.save(a, sampleReport(Instant.parse("2026-11-21T07:00:00Z")));
        history.save(b, sampleReport(Instant.parse("2026-11-21T08:00:00Z")));
        assertThat(history.list(a)).extracting(BenchmarkReport::startedAt)
                .containsExactly(Instant.parse("2026-11-21T07:00:00Z"), Instant.parse("2026-11-21T06:00:00Z"));
        assertThat(history.list(b)).hasSize(1);
        // a damaged file is skipped, not fatal
        Path folder = dir.resolve("data/benchmarks").resolve(BenchmarkHistory.modelKey(a));
        Files.writeString(folder.resolve("broken.json"), "{");
        assertThat(history.list(a)).hasSize(2);
        assertThat(history.list(dir.resolve("a.onnx"))).first().extracting(r -> r.providers().getFirst().variant().provider())
                .isEqualTo(ExecutionProvider.CPU);
    }
}
