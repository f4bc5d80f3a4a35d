package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The INPUTS options of run and bench on a model with every kind of free dimension
 * ({@link TestModels#freeDims()}: audio[batch,?], state[2,batch,4], sr int64 scalar).
 */
class InputOptionsTest {
    private static String previousDataDir;

    @TempDir
    Path dir;

    private Path model;
    private CliRun cli = new CliRun();

    @BeforeAll
    static void keepNativeLibrariesUnderTarget() {
        previousDataDir = System.getProperty(NativeLibraries.DATA_DIR_PROPERTY);
        if (previousDataDir == null) {
            System.setProperty(NativeLibraries.DATA_DIR_PROPERTY, Path.of("target", "cli-data").toAbsolutePath()
                    .toString());
        }
    }

    @AfterAll
    static void restore() {
        if (previousDataDir == null) {
            System.clearProperty(NativeLibraries.DATA_DIR_PROPERTY);
        }
    }

    @BeforeEach
    void writeModel() throws Exception {
        model = Protos.write(TestModels.freeDims(), dir.resolve("free_dims.onnx"));
    }

    private int run(String... args) {
        cli = new CliRun();
        return cli.execute(args);
    }

    @Test
    void shapeSizesTheNamedDimensionForEveryInputAndTypedValuesAreKept() throws Exception {
        int code = run("run", model.toString(), "--random", "1", "--shape", "audio=2,8", "--input", "sr=16000", "--json");

        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode root = cli.jsonLines().getFirst();
        JsonNode inputs = root.path("inputs");
        assertThat(inputs.get(0).toString())
                .isEqualTo("{\"name\":\"audio\",\"type\":\"float32\",\"shape\":[2,8],\"source\":\"random, seed 1\"}");
        assertThat(inputs.get(1).path("shape").toString()).isEqualTo("[2,2,4]");
        assertThat(inputs.get(2).path("source").asText()).isEqualTo("typed: 16000");
        assertThat(root.path("outputs").get(0).path("shape").toString()).isEqualTo("[2]");
        assertThat(root.path("outputs").get(2).path("values").get(0).asLong()).as("sr kept, not randomised")
                .isEqualTo(16000);
    }

    @Test
    void dimSetsNamedAndUnnamedDimensionsAndTheSameSeedGivesTheSameValues() throws Exception {
        assertThat(run("run", model.toString(), "--random", "5", "--dim", "batch=3", "--dim", "audio[1]=4", "--json"))
                .as(cli.err.toString()).isZero();
        JsonNode first = cli.jsonLines().getFirst();
        assertThat(first.path("inputs").get(1).path("shape").toString()).isEqualTo("[2,3,4]");
        assertThat(run("run", model.toString(), "--random", "5", "--shape", "audio=3,4", "--json")).isZero();
        JsonNode second = cli.jsonLines().getFirst();
        assertThat(second.path("outputs").get(0).path("values")).isEqualTo(first.path("outputs").get(0).path("values"));
        assertThat(run("run", model.toString(), "--random", "6", "--shape", "audio=3,4", "--json")).isZero();
        assertThat(cli.jsonLines().getFirst().path("outputs").get(0).path("values"))
                .isNotEqualTo(first.path("outputs").get(0).path("values"));
    }

    @Test
    void aFreeDimensionWithoutASizeIsRefusedNamingTheFlags() {
        assertThat(run("run", model.toString(), "--random", "1")).isEqualTo(3);
        assertThat(cli.err.toString().strip()).startsWith("onnx-workbench: The input audio (float32[batch,?]) has no size")
                .contains("--shape audio=D0,D1").contains("--dim batch=SIZE").doesNotContain("\n");
        assertThat(run("bench", model.toString(), "--providers", "cpu", "--runs", "2")).isEqualTo(3);
        assertThat(cli.err.toString()).contains("--shape audio=");
        assertThat(run("run", model.toString(), "--random", "1", "--shape", "audio=2,8", "--dim", "batch=1")).isEqualTo(3);
        assertThat(cli.err.toString()).contains("The dimension batch is 2 by --shape audio but 1 by --dim batch=1");
    }

    @Test
    void valuesOutsideTheTypesRangeAndDecimalCommasAreRefused() {
        assertThat(run("run", model.toString(), "--random", "1", "--shape", "audio=1,1", "--input", "audio=[[1e999]]"))
                .isEqualTo(3);
        assertThat(cli.err.toString()).contains("onnx-workbench: audio: 1e999 is outside the range of float32");
        assertThat(run("run", model.toString(), "--random", "1", "--shape", "audio=1,1", "--input", "sr=12,5"))
                .isEqualTo(3);
        assertThat(cli.err.toString()).contains("sr: '12,5'").contains("use a dot as decimal separator");
        assertThat(run("run", model.toString(), "--random", "1", "--shape", "audio=x,1")).isEqualTo(3);
        assertThat(cli.err.toString()).contains("'x' is not a size");
    }

    @Test
    void benchTimesExactlyTheSetAndItsSweepChangesOnlyTheBatch() throws Exception {
        int code = run("bench", model.toString(), "--providers", "cpu", "--warmup", "0", "--runs", "3",
                "--shape", "audio=1,16", "--input", "sr=8000", "--batch", "1,4", "--no-placement", "--json");

        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode root = cli.jsonLines().getFirst();
        assertThat(root.path("inputs").get(0).path("shape").toString()).isEqualTo("[1,16]");
        assertThat(root.path("inputs").get(2).path("source").asText()).isEqualTo("typed: 8000");
        JsonNode batches = root.path("providers").get(0).path("batches");
        assertThat(batches.get(0).path("shapes").asText()).isEqualTo("audio float32[1,16]; state float32[2,1,4]; sr int64[]");
        assertThat(batches.get(1).path("batchSize").asInt()).isEqualTo(4);
        assertThat(batches.get(1).path("shapes").asText()).isEqualTo("audio float32[4,16]; state float32[2,4,4]; sr int64[]");
    }
}
