package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    private static final List<String> FIELDS = List.of("model", "path", "irVersion", "producerName", "producerVersion",
            "opsetImports", "inputs", "outputs", "nodeCount", "totalNodeCount", "operators", "initializerCount",
            "parameterCount", "metadata");

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.execute(args);
    }

    private List<JsonNode> jsonLines() throws Exception {
        return cli.jsonLines();
    }

    @Test
    void jsonHasExactlyTheDocumentedFields() throws Exception {
        Path conv = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        assertThat(run("info", "--json", conv.toString())).isZero();
        JsonNode o = jsonLines().getFirst();
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(FIELDS);
        assertThat(o.get("path").asText()).isEqualTo(conv.toString());
        assertThat(o.get("irVersion").asLong()).isEqualTo(8);
        assertThat(o.get("opsetImports").toString()).isEqualTo("[{\"domain\":\"ai.onnx\",\"version\":17}]");
        assertThat(o.get("inputs").toString()).isEqualTo("[{\"name\":\"input\",\"type\":\"float32\",\"shape\":[1,3,32,32]}]");
        assertThat(o.get("nodeCount").asInt()).isEqualTo(5);
        assertThat(o.get("operators").toString())
                .isEqualTo("{\"Conv\":1,\"Flatten\":1,\"Gemm\":1,\"MaxPool\":1,\"Relu\":1}");
        assertThat(o.get("initializerCount").asInt()).isEqualTo(4);
        assertThat(o.get("parameterCount").asLong()).isEqualTo(8 * 27 + 8 + 10 * 2048 + 10);
    }

    @Test
    void symbolicDimensionsAreStringsAndUnknownOnesNull() throws Exception {
        var proto = TestModels.transformerBlock();
        var withUnknown = proto.toBuilder().setGraph(proto.getGraph().toBuilder()
                .addOutput(Protos.tensorValue("extra", 1, "batch", null))).build();
        Path file = Protos.write(withUnknown, dir.resolve("block.onnx"));
        assertThat(run("info", "--json", file.toString())).isZero();
        JsonNode o = jsonLines().getFirst();
        assertThat(o.get("inputs").get(0).get("shape").toString()).isEqualTo("[\"batch\",\"seq\",64]");
        assertThat(o.get("outputs").get(1).get("shape").toString()).isEqualTo("[\"batch\",null]");
    }

    @Test
    void subgraphsCountInTotalNodesAndOperators() throws Exception {
        Path file = Protos.write(TestModels.controlFlow(), dir.resolve("flow.onnx"));
        assertThat(run("info", "--json", file.toString())).isZero();
        JsonNode o = jsonLines().getFirst();
        assertThat(o.get("nodeCount").asInt()).isEqualTo(2);
        assertThat(o.get("totalNodeCount").asInt()).isEqualTo(6);
        assertThat(o.get("operators").toString()).isEqualTo("{\"Add\":2,\"Identity\":1,\"If\":1,\"Loop\":1,\"Mul\":1}");
    }

    @Test
    void aBadModelPrintsItsErrorAfterTheOthersAndExitsNonZero() throws Exception {
        Path good = Protos.write(TestModels.constantWeights(), dir.resolve("good.onnx"));
        Path bad = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
        assertThat(run("info", "--json", bad.toString(), good.toString())).isEqualTo(4);
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).toString()).isEqualTo("{\"model\":\"" + bad + "\",\"path\":\"" + bad + "\","
                + "\"error\":{\"code\":\"modelUnreadable\",\"message\":"
                + "\"notes.txt is not an ONNX model (it looks like a text file).\"}}");
        assertThat(lines.get(1).get("nodeCount").asInt()).isEqualTo(5);
        assertThat(err.toString().strip()).isEqualTo(
                "onnx-workbench: 1 of 2 models could not be read; see their \"error\" fields.");
    }

    @Test
    void textSummaryForPeopleAndOneLineErrors() throws Exception {
        Path file = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        assertThat(run("info", file.toString())).isZero();
        assertThat(out.toString()).contains("ONNX IR version 8, produced by onnx-workbench-tests 1")
                .contains("opsets     ai.onnx 17")
                .contains("inputs     input  float32[1,3,32,32]")
                .contains("operators  Conv ×1, Flatten ×1, Gemm ×1, MaxPool ×1, Relu ×1")
                .contains("4 initializers, 20,714 parameters");
        assertThat(run("info", dir.resolve("missing.onnx").toString())).isEqualTo(4);
        assertThat(err.toString()).hasLineCount(1).contains("missing.onnx does not exist; check the path.");
    }

    /** One count for info and the window's Model panel: Constant-node weights and subgraph initializers included. */
    @Test
    void parameterCountMatchesTheModelPanel() throws Exception {
        for (var proto : List.of(TestModels.constantWeights(), TestModels.controlFlow(), TestModels.transformerBlock())) {
            Path file = Protos.write(proto, Files.createTempFile(dir, "model", ".onnx"));
            CliRun one = new CliRun();
            assertThat(one.execute("info", "--json", file.toString())).isZero();
            long window = dev.onnxworkbench.app.properties.ModelSummary.of(new dev.onnxworkbench.models.onnx.OnnxReader().read(file))
                    .parameterCount();
            assertThat(one.jsonLines().getFirst().get("parameterCount").asLong()).as(file.toString()).isEqualTo(window);
        }
        Path constants = Protos.write(TestModels.constantWeights(), dir.resolve("constants.onnx"));
        assertThat(run("info", "--json", constants.toString())).isZero();
        assertThat(jsonLines().getFirst().get("parameterCount").asLong()).isEqualTo(4 * 4 + 4);
    }
}
