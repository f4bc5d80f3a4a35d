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

class DivergeCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void namesTheScaledConvolutionFirstInJson() throws Exception {
        Path a = Protos.write(TestModels.convNet(), dir.resolve("a.onnx"));
        ModelProto.Builder copy = TestModels.convNet().toBuilder();
        WeightScaler.Scaled s = WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Path b = Protos.write(copy.build(), dir.resolve("b.onnx"));

        assertThat(cli.execute("diverge", a.toString(), "--against", b.toString(), "--random", "1", "--json"))
                .isZero();
        JsonNode o = cli.jsonLines().getFirst();
        assertThat(o.at("/firstDivergent/tensor").asText()).isEqualTo(s.convOutput());
        assertThat(o.at("/firstDivergent/node").asText()).isEqualTo("conv1");
        assertThat(o.at("/firstDivergent/opType").asText()).isEqualTo("Conv");
        assertThat(o.at("/firstDivergent/maxAbsError").asDouble()).isPositive();
        assertThat(o.get("tensors")).hasSize(5);
        assertThat(o.at("/tensors/0/pass").asBoolean()).isFalse();
        assertThat(o.at("/tensors/0/shape").toString()).isEqualTo("[1,8,32,32]");
        assertThat(o.at("/inputs/0/name").asText()).isEqualTo("input");
        assertThat(o.at("/runB/model").asText()).isEqualTo(b.toString());
        assertThat(o.at("/runA/provider").asText()).isEqualTo("CPU");
    }

    @Test
    void aModelAgainstItselfHasNoFirstDivergentTensor() throws Exception {
        Path a = Protos.write(TestModels.convNet(), dir.resolve("a.onnx"));
        assertThat(cli.execute("diverge", a.toString(), "--random", "1", "--option",
                "graph_optimization_level=disable", "--json", "--bisect", "--atol", "1e-4")).isZero();
        JsonNode o = cli.jsonLines().getFirst();
        assertThat(o.get("firstDivergent").isNull()).isTrue();
        assertThat(o.at("/runA/options/graph_optimization_level").asText()).isEqualTo("disable");
        assertThat(o.get("runs").asInt()).isEqualTo(1);
    }

    @Test
    void anUnavailableProviderOrABadFlagIsOneLineAndNonZero() throws Exception {
        Path a = Protos.write(TestModels.convNet(), dir.resolve("a.onnx"));
        assertThat(cli.execute("diverge", a.toString(), "--random", "1", "--metric", "p99")).isNotZero();
        assertThat(cli.err.toString()).contains("Unknown metric 'p99'");
        CliRun second = new CliRun();
        assertThat(second.execute("diverge", a.toString(), "--random", "1", "--provider", "cuda")).isNotZero();
        assertThat(second.err.toString().strip()).startsWith("onnx-workbench:").contains("CUDA");
    }
}
