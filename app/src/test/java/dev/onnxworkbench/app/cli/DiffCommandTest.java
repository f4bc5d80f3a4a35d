package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import dev.onnxworkbench.models.testing.WeightScaler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void namesTheChangedConstantWeightAndExitsZero() throws Exception {
        ModelProto constants = WeightScaler.constantsFromInitializers(TestModels.convNet());
        Path a = Protos.write(constants, dir.resolve("a.onnx"));
        ModelProto.Builder copy = constants.toBuilder();
        WeightScaler.Scaled scaled = WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Path b = Protos.write(copy.build(), dir.resolve("b.onnx"));

        assertThat(cli.execute("diff", a.toString(), b.toString(), "--json")).isZero();
        JsonNode o = cli.jsonLines().getFirst();
        assertThat(o.at("/summary/weightsChanged").asInt()).isEqualTo(1);
        assertThat(o.at("/weights/0/name").asText()).isEqualTo(scaled.weight());
        assertThat(o.at("/weights/0/maxAbsDiff").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(0.0500001);
        assertThat(o.at("/weights/0/shapeA").toString()).isEqualTo("[8,3,3,3]");
        assertThat(o.at("/nodes/0/status").asText()).isEqualTo("changed");
    }

    @Test
    void identicalModelsSayTheSameInText() throws Exception {
        Path a = Protos.write(TestModels.convNet(), dir.resolve("a.onnx"));
        assertThat(cli.execute("diff", a.toString(), a.toString())).isZero();
        assertThat(cli.out.toString()).contains("The models are the same.");
    }

    @Test
    void aMissingFileIsOneLineAndNonZero() {
        assertThat(cli.execute("diff", dir.resolve("nope.onnx").toString(), dir.resolve("nope.onnx").toString()))
                .isNotZero();
        assertThat(cli.err.toString().strip()).startsWith("onnx-workbench:").doesNotContain("\n");
    }
}
