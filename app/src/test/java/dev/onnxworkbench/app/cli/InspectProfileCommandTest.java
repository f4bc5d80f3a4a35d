package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run --inspect/--dump, profile, and run with inputs the Java API cannot create, on the backend suite. */
class InspectProfileCommandTest {
    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");
    private static String previousDataDir;

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

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

    private static String[] caseArgs(String verb, String testCase, String... more) {
        Path c = DATA.resolve(testCase);
        String[] base = {verb, c.resolve("model.onnx").toString(), "--test-data", c.resolve("test_data_set_0").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void runInspectAllListsEveryTopLevelTensorAndDumpsThem() throws Exception {
        Path dump = dir.resolve("dump");
        int code = cli.execute(caseArgs("run", "node/test_layer_normalization_4d_axis0_expanded", "--inspect", "all",
                "--dump", dump.toString(), "--json"));
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode o = cli.jsonLines().getFirst();
        JsonNode list = o.get("intermediates");
        assertThat(list.size()).isGreaterThan(5);
        for (JsonNode t : list) {
            assertThat(t.get("name").asText()).isNotEmpty();
            assertThat(t.has("producer")).isTrue();
            assertThat(t.get("opType").asText()).isNotEmpty();
            assertThat(t.get("shape").isArray()).isTrue();
            assertThat(t.get("stats").has("mean")).isTrue();
            assertThat(Files.isRegularFile(Path.of(t.get("file").asText()))).isTrue();
        }
        assertThat(o.get("firstNonFinite").isNull()).isTrue();
        JsonNode index = new ObjectMapper().readTree(dump.resolve("index.json").toFile());
        assertThat(index.size()).isEqualTo(list.size());
        // the last intermediate is the model output: its mean equals the output's
        JsonNode output = o.get("outputs").get(0);
        JsonNode same = null;
        for (JsonNode t : list) {
            if (t.get("name").asText().equals(output.get("name").asText())) {
                same = t;
            }
        }
        assertThat(same).isNotNull();
        assertThat(same.get("stats").get("mean").asDouble()).isCloseTo(output.get("mean").asDouble(), within(1e-5));
    }

    @Test
    void runInspectRefusesANameNoNodeProduces() {
        assertThat(cli.execute(caseArgs("run", "node/test_relu", "--inspect", "nope"))).isEqualTo(1);
        assertThat(cli.err.toString()).contains("'nope'").doesNotContain("Exception");
    }

    @Test
    void runPassesUint32InputsAsConstants() {
        int code = cli.execute(caseArgs("run", "node/test_mod_uint32"));
        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("matches expected");
    }

    @Test
    void profileJsonListsConvNodesWithSharesSummingToOne() throws Exception {
        Path trace = dir.resolve("trace.json");
        Path csv = dir.resolve("nodes.csv");
        int code = cli.execute(caseArgs("profile", "pytorch-converted/test_Conv2d", "--runs", "3", "--warmup", "1",
                "--trace", trace.toString(), "--csv", csv.toString(), "--json"));
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode o = cli.jsonLines().getFirst();
        assertThat(o.get("runs").asInt()).isEqualTo(3);
        assertThat(o.get("totalMs").asDouble()).isPositive();
        double shares = 0;
        boolean conv = false;
        for (JsonNode n : o.get("nodes")) {
            shares += n.get("share").asDouble();
            conv |= n.get("opType").asText().contains("Conv");
            assertThat(n.get("calls").asLong()).isEqualTo(3);
            assertThat(n.get("provider").asText()).isEqualTo("CPU");
        }
        assertThat(conv).isTrue();
        assertThat(shares).isCloseTo(1.0, within(1e-6));
        assertThat(o.get("opTypes").get(0).has("share")).isTrue();
        assertThat(o.get("providers").has("CPU")).isTrue();
        assertThat(Files.readString(trace)).contains("_kernel_time").contains("model_run");
        assertThat(Files.readAllLines(csv).getFirst()).isEqualTo("name,opType,provider,calls,totalMs,meanMs,share,flops");
    }
}
