package dev.onnxworkbench.models.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCountsTest {
    @TempDir
    Path dir;

    private Model read(dev.onnxworkbench.models.onnx.proto.ModelProto proto, String name) throws Exception {
        return new OnnxReader().read(Protos.write(proto, dir.resolve(name)));
    }

    @Test
    void constantNodeTensorsAreParameters() throws Exception {
        ModelCounts counts = ModelCounts.of(read(TestModels.constantWeights(), "constant.onnx"));
        assertThat(counts.parameterCount()).isEqualTo(4 * 4 + 4);
        assertThat(counts.weightBytes()).isEqualTo((4 * 4 + 4) * 4);
    }

    @Test
    void initializersOfSubgraphsCount() throws Exception {
        // trip_count and loop_cond at the top, "one" and "two" inside the If branches.
        assertThat(ModelCounts.of(read(TestModels.controlFlow(), "flow.onnx")).parameterCount()).isEqualTo(4);
    }

    @Test
    void initializersOfAPlainModelCount() throws Exception {
        assertThat(ModelCounts.of(read(TestModels.convNet(), "conv.onnx")).parameterCount())
                .isEqualTo(8 * 27 + 8 + 10 * 2048 + 10);
    }
}
