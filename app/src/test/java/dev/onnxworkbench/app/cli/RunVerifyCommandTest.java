package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.samples.SampleModels;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run and verify verbs end to end: bundled samples, input files, the ONNX backend test data. */
class RunVerifyCommandTest {
    private static final Path SUITE = Path.of("/usr/share/libonnx-testdata/data/node");
    private static String previousDataDir;

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

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

    private int run(String... args) {
        return cli.execute(args);
    }

    private List<JsonNode> jsonLines() throws Exception {
        return cli.jsonLines();
    }

    @Test
    void runPredictsWeeklyWeightChangeFromInlineValues() throws Exception {
        Path model = SampleModels.weightChange(dir);
        int code = run("run", model.toString(), "--json", "--input", "age=35", "--input", "sex=male",
                "--input", "weight_kg=80", "--input", "daily_kcal=[[3500]]", "--input", "activity_level=moderate",
                "--input", "sleep_quality=good");
        assertThat(code).as(err.toString()).isZero();
        JsonNode o = jsonLines().getFirst();
        assertThat(o.get("latencyMs").asDouble()).isPositive();
        JsonNode output = o.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("weekly_weight_change_kg");
        assertThat(output.get("type").asText()).isEqualTo("float32");
        assertThat(output.get("shape").toString()).isEqualTo("[1,1]");
        assertThat(output.get("values").get(0).asDouble()).isBetween(0.4, 1.1); // ~800 kcal/day surplus
    }

    @Test
    void runReadsAJsonFileAndNamesTheDominantColour() throws Exception {
        Path model = SampleModels.dominantColour(dir);
        ArrayNode image = new ObjectMapper().createArrayNode();
        ArrayNode channels = image.addArray();
        for (int c = 0; c < 3; c++) {
            ArrayNode rows = channels.addArray();
            for (int y = 0; y < 64; y++) {
                ArrayNode row = rows.addArray();
                for (int x = 0; x < 64; x++) {
                    row.add(c == 2 ? 0.9 : 0.1); // blue
                }
            }
        }
        Path file = dir.resolve("blue.json");
        Files.writeString(file, image.toString());
        assertThat(run("run", model.toString(), "--input", "image=" + file, "--json")).as(err.toString()).isZero();
        JsonNode values = jsonLines().getFirst().get("outputs").get(0).get("values");
        assertThat(values.get(2).asDouble()).as("blue").isGreaterThan(0.9);
    }

    @Test
    void runExplainsMissingAndBadInputsOnOneLine() throws Exception {
        Path model = SampleModels.weightChange(dir);
        assertThat(run("run", model.toString())).isEqualTo(3);
        assertThat(err.toString().strip()).startsWith("onnx-workbench: Give values for age (float32[N,1])")
                .doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(run("run", model.toString(), "--random", "1", "--input", "age=old")).isEqualTo(3);
        assertThat(err.toString()).contains("onnx-workbench: age: 'old' is not a number");
        err.getBuffer().setLength(0);
        assertThat(run("run", model.toString(), "--random", "1", "--provider", "tpu")).isEqualTo(2); // usage
        assertThat(err.toString()).contains("Unknown provider 'tpu'");
    }

    @Test
    void runComparesWithATestDataSet() throws Exception {
        Path abs = SUITE.resolve("test_abs");
        assertThat(run("run", abs.resolve("model.onnx").toString(), "--test-data",
                abs.resolve("test_data_set_0").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("matches expected");
        Path dft = SUITE.resolve("test_dft");
        assertThat(run("run", dft.resolve("model.onnx").toString(), "--test-data",
                dft.resolve("test_data_set_0").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("outputs differ from test_data_set_0");
    }

    @Test
    void verifyJsonHasTheDocumentedFieldsAndStatuses() throws Exception {
        int code = run("verify", "--json", SUITE.resolve("test_abs").toString(),
                SUITE.resolve("test_sequence_insert_at_back").toString(), SUITE.resolve("test_adagrad").toString(),
                SUITE.resolve("test_bernoulli").toString());
        assertThat(code).isEqualTo(1); // test_bernoulli differs (random op)
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(4);
        List<String> fields = new ArrayList<>();
        lines.getFirst().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("model", "dir", "dataSet", "status", "outputs", "message");
        // the sequence input is passed as a constant of a rewritten copy; Adagrad is a training op ORT lacks
        assertThat(lines).extracting(l -> l.get("status").asText())
                .containsExactly("passed", "passed", "unsupported", "failed");
        JsonNode passed = lines.getFirst().get("outputs").get(0);
        assertThat(passed.get("name").asText()).isEqualTo("y");
        assertThat(passed.get("pass").asBoolean()).isTrue();
        assertThat(passed.get("maxAbsError").asDouble()).isZero();
        assertThat(lines.get(2).get("message").asText()).contains("Adagrad");
        assertThat(err.toString()).contains("1 of 4 test data sets failed");
    }

    @Test
    void verifyAcceptsAFolderOfCasesAndPrintsASummary() throws Exception {
        Path simple = SUITE.resolveSibling("simple");
        run("verify", simple.toString());
        assertThat(out.toString()).contains("PASS   simple/test_sign_model test_data_set_0")
                .containsPattern("\\d+ data sets: \\d+ passed, \\d+ failed, \\d+ unsupported, 0 could not be read");
    }
}
