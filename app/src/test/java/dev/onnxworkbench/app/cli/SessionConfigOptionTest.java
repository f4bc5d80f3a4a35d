package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config FILE} on run and bench: the file's settings are used; a bad file is one clear line. */
class SessionConfigOptionTest {
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
    void benchRunsOneRowWithTheConfigsSettings() throws Exception {
        Path model = SampleModels.dominantColour(dir);
        Path config = Files.writeString(dir.resolve("best.json"),
                "{\"provider\": \"cpu\", \"intraOpThreads\": 1, \"graphOptimizationLevel\": \"basic\"}");
        CliRun cli = new CliRun();
        int code = cli.execute("bench", model.toString(), "--config", config.toString(), "--dim", "N=1", "--warmup", "1", "--runs", "5",
                "--no-placement", "--json");
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode providers = cli.jsonLines().getFirst().path("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("options").path("intra_op_num_threads").asText()).isEqualTo("1");
        assertThat(providers.get(0).path("options").path("graph_optimization_level").asText()).isEqualTo("basic");
        assertThat(providers.get(0).path("runs").asInt()).isEqualTo(5);
    }

    @Test
    void runUsesTheConfigAndRefusesAContradictingProvider() throws Exception {
        Path model = SampleModels.dominantColour(dir);
        Path config = Files.writeString(dir.resolve("cpu.json"), "{\"provider\": \"cpu\", \"intraOpThreads\": 1}");
        CliRun ok = new CliRun();
        assertThat(ok.execute("run", model.toString(), "--random", "1", "--dim", "N=1", "--config", config.toString(), "--json"))
                .as(ok.err.toString()).isZero();
        assertThat(ok.jsonLines().getFirst().path("provider").asText()).isEqualTo("CPU");

        CliRun clash = new CliRun();
        assertThat(clash.execute("run", model.toString(), "--random", "1", "--config", config.toString(),
                "--provider", "cuda")).isNotZero();
        assertThat(clash.err.toString()).contains("contradicts cpu.json");
    }

    @Test
    void aBadConfigFileIsOneLineNamingTheFileAndField() throws Exception {
        Path model = SampleModels.dominantColour(dir);
        Path config = Files.writeString(dir.resolve("bad.json"), "{\"provider\": \"cpu\", \"threads\": 4}");
        CliRun cli = new CliRun();
        assertThat(cli.execute("bench", model.toString(), "--config", config.toString())).isNotZero();
        assertThat(cli.err.toString().strip()).contains("bad.json").contains("unknown field 'threads'")
                .doesNotContain("\n").doesNotContain("Exception");
    }
}
