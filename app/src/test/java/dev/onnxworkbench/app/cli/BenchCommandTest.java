package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.samples.SampleModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench} end to end: the JSON contract of DESIGN.md on backend-suite and bundled sample models. */
class BenchCommandTest {
    private static final Path CONV = Path.of("/usr/share/libonnx-testdata/data/pytorch-operator/test_operator_conv/model.onnx");
    private static final List<String> STATS = List.of("min", "mean", "std", "p50", "p90", "p95", "p99", "max");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void jsonOnABackendSuiteModel_cpuRowMatchesABareLoop_gpuRowsSayWhyNot() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CONV), "libonnx-testdata is installed");
        int code = bench(CONV.toString(), "--threads", "1", "--warmup", "20", "--runs", "200", "--baseline", "--json");
        assertThat(code).as(err.toString()).isZero();

        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.path("model").asText()).isEqualTo(CONV.toString());
        assertThat(root.path("machine").path("logicalCores").asInt()).isPositive();
        JsonNode providers = root.path("providers");
        assertThat(providers).hasSize(3);
        JsonNode cpu = providers.get(0);
        assertThat(cpu.path("provider").asText()).isEqualTo("cpu");
        assertThat(cpu.path("available").asBoolean()).isTrue();
        assertThat(cpu.path("runs").asInt()).isEqualTo(200);
        assertThat(cpu.path("sessionCreateMs").asDouble()).isPositive();
        assertThat(cpu.path("firstRunMs").asDouble()).isPositive();
        for (String stat : STATS) {
            assertThat(cpu.path("latencyMs").path(stat).isNumber()).as(stat).isTrue();
        }
        assertThat(cpu.path("throughputPerSec").asDouble()).isPositive();
        assertThat(cpu.path("agreement").get(0).path("pass").asBoolean()).isTrue();
        assertThat(cpu.path("nodePlacement").path("CPU").asInt()).isPositive();
        // The harness adds nothing measurable: its p50 tracks a bare ONNX Runtime loop in the same run. The 10 %
        // target is checked with `bench --baseline` on a quiet machine; here, on a busy CI box, 35 %.
        assertThat(cpu.path("latencyMs").path("p50").asDouble())
                .isCloseTo(cpu.path("bareLoop").path("p50Ms").asDouble(), withinPercentage(35));
        for (JsonNode gpu : List.of(providers.get(1), providers.get(2))) {
            Assumptions.assumeFalse(gpu.path("available").asBoolean(), "this machine has a GPU");
            assertThat(gpu.path("reason").asText()).contains(".so").contains("Install");
            assertThat(gpu.path("latencyMs").isNull()).isTrue();
        }
        assertThat(providers.get(1).path("provider").asText()).isEqualTo("cuda");
        assertThat(providers.get(2).path("provider").asText()).isEqualTo("tensorrt");
    }

    @Test
    void bundledImageSampleWithABatchSweepAndTwoThreadSettings() throws Exception {
        Path model = SampleModels.dominantColour(tmp);
        int code = bench(model.toString(), "--providers", "cpu", "--threads", "1,2", "--warmup", "2", "--runs", "20",
                "--batch", "1,4", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode providers = new ObjectMapper().readTree(out.toString()).path("providers");
        assertThat(providers).hasSize(2);
        for (JsonNode row : providers) {
            assertThat(row.path("batches")).hasSize(2);
            assertThat(row.path("batches").get(1).path("batchSize").asInt()).isEqualTo(4);
            assertThat(row.path("latencyMs").path("p99").isNumber()).isTrue();
        }
        assertThat(providers.get(1).path("options").path("intra_op_num_threads").asText()).isEqualTo("2");
    }

    @Test
    void inputsFromABackendSuiteTestDataSet() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CONV), "libonnx-testdata is installed");
        Path dataSet = CONV.resolveSibling("test_data_set_0");
        int code = bench(CONV.toString(), "--providers", "cpu", "--test-data", dataSet.toString(), "--warmup", "1", "--runs", "5", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.path("settings").path("inputs").asText()).endsWith("from test_data_set_0");
        assertThat(root.path("inputs").get(0).path("shape").toString()).isEqualTo("[20,16,50,40]");
        assertThat(root.path("inputs").get(0).path("source").asText()).isEqualTo("from test_data_set_0");
        JsonNode cpu = root.path("providers").get(0);
        assertThat(cpu.path("runs").asInt()).isEqualTo(5);
        assertThat(cpu.path("agreement").get(0).path("pass").asBoolean()).isTrue();
    }

    @Test
    void tabularSampleAsATable() throws Exception {
        Path model = SampleModels.weightChange(tmp);
        int code = bench(model.toString(), "--providers", "cpu", "--warmup", "1", "--runs", "10", "--dim", "N=1");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("p50 ms").contains("CPU").contains("agreement: pass")
                .contains("Input:   age float32[1,1] random, seed 42");
    }

    @Test
    void mistakesAreOneLineOnStderrWithANonZeroCode() {
        assertThat(bench(tmp.resolve("missing.onnx").toString())).isEqualTo(4); // model unreadable
        assertThat(err.toString().strip()).startsWith("onnx-workbench: Cannot benchmark").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(bench(tmp.toString(), "--providers", "npu")).isEqualTo(5); // bench refuses it as a BenchmarkException
        assertThat(err.toString()).contains("Unknown execution provider 'npu'");
    }
}
