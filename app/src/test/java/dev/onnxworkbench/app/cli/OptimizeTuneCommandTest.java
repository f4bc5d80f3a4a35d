package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.testing.OptimizableModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optimize} and {@code tune} end to end on a generated Conv+BN+Relu model; the tuned config feeds bench. */
class OptimizeTuneCommandTest {
    private static String previousDataDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void keepNativeLibrariesUnderTarget() {
        previousDataDir = System.getProperty(NativeLibraries.DATA_DIR_PROPERTY);
        if (previousDataDir == null) {
            System.setProperty(NativeLibraries.DATA_DIR_PROPERTY, Path.of("target", "cli-data").toAbsolutePath().toString());
        }
    }

    @AfterAll
    static void restore() {
        if (previousDataDir == null) {
            System.clearProperty(NativeLibraries.DATA_DIR_PROPERTY);
        }
    }

    @Test
    void optimizeWritesFewerNodesListsTheFusionsAndRunsTheFile() throws Exception {
        Path model = OptimizableModels.convBnRelu(dir.resolve("net.onnx"));
        Path out = dir.resolve("net.all.onnx");
        CliRun cli = new CliRun();
        int code = cli.execute("optimize", model.toString(), "--level", "all", "--out", out.toString(), "--dim", "N=1", "--json");
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode json = cli.jsonLines().getFirst();
        assertThat(json.path("out").asText()).isEqualTo(out.toString());
        assertThat(json.path("level").asText()).isEqualTo("all");
        assertThat(json.path("provider").asText()).isEqualTo("cpu");
        assertThat(json.path("nodesAfter").asInt()).isLessThan(json.path("nodesBefore").asInt());
        assertThat(json.path("fused").get(0).path("into").asText()).isEqualTo("com.microsoft.FusedConv");
        assertThat(json.path("fused").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(json.path("removed").path("BatchNormalization").asInt()).isEqualTo(2);
        assertThat(json.path("added").size()).isPositive();
        assertThat(json.path("check").path("ran").asBoolean()).isTrue();
        assertThat(json.path("check").path("agrees").asBoolean()).isTrue();
        assertThat(json.path("note").asText()).contains("tied to the CPU provider");
        assertThat(out).isRegularFile();
        // And the saved file runs through the ordinary run verb.
        CliRun run = new CliRun();
        assertThat(run.execute("run", out.toString(), "--random", "1", "--dim", "N=1")).as(run.err.toString()).isZero();
    }

    @Test
    void optimizeRunsOnABatchOfOneWhenNothingElseIsFree() throws Exception {
        Path model = OptimizableModels.convBnRelu(dir.resolve("net.onnx"));
        CliRun cli = new CliRun();
        int code = cli.execute("optimize", model.toString(), "--level", "extended", "--out", dir.resolve("e.onnx").toString());
        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("nodes: 9 →").contains("Conv+BatchNormalization+Relu → com.microsoft.FusedConv")
                .contains("check: The saved model ran on x float32[1,3,16,16]").contains("tied to the CPU provider");
    }

    @Test
    void badOptimizeArgumentsAreOneLine() throws Exception {
        Path model = OptimizableModels.convBnRelu(dir.resolve("net.onnx"));
        CliRun cli = new CliRun();
        assertThat(cli.execute("optimize", model.toString(), "--level", "max", "--out", dir.resolve("x.onnx").toString())).isNotZero();
        assertThat(cli.err.toString()).contains("basic, extended or all");
        CliRun same = new CliRun();
        assertThat(same.execute("optimize", model.toString(), "--level", "all", "--out", model.toString())).isNotZero();
        assertThat(same.err.toString()).contains("is the model itself");
    }

    @Test
    void tuneSavesAConfigThatBenchAccepts() throws Exception {
        Path model = OptimizableModels.convBnRelu(dir.resolve("net.onnx"));
        Path best = dir.resolve("best.json");
        CliRun cli = new CliRun();
        int code = cli.execute("tune", model.toString(), "--dim", "N=1", "--providers", "cpu", "--budget", "5",
                "--out", best.toString(), "--json");
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode json = cli.jsonLines().getFirst();
        assertThat(json.path("budgetS").asDouble()).isEqualTo(5.0);
        assertThat(json.path("candidates").get(0).path("status").asText()).isEqualTo("measured");
        assertThat(json.path("candidates").get(0).path("isDefault").asBoolean()).isTrue();
        assertThat(json.path("best").path("config").path("provider").asText()).isEqualTo("cpu");
        assertThat(json.path("best").path("p50Ms").asDouble()).isLessThanOrEqualTo(json.path("default").path("p50Ms").asDouble());
        assertThat(json.path("out").asText()).isEqualTo(best.toString());
        assertThat(cli.err.toString()).contains("tuning net.onnx").contains("(default)");
        assertThat(dir.resolve("best.py")).isRegularFile();
        assertThat(dir.resolve("best.java.txt")).isRegularFile();

        CliRun bench = new CliRun();
        assertThat(bench.execute("bench", model.toString(), "--dim", "N=1", "--config", best.toString(), "--warmup", "1",
                "--runs", "3", "--no-placement", "--json")).as(bench.err.toString()).isZero();
        assertThat(bench.jsonLines().getFirst().path("providers")).hasSize(1);
    }
}
