package dev.onnxworkbench.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Every element type ORT's Java API can create goes in and comes back out of an Identity model unchanged. */
class TensorRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"FLOAT", "DOUBLE", "FLOAT16", "BFLOAT16", "INT8", "UINT8", "INT16",
        "INT32", "INT64", "BOOL", "STRING"})
    void identityReturnsTheSameValues(ElementType type) throws Exception {
        GraphProto graph = GraphProto.newBuilder().setName("identity")
                .addInput(TinyModels.tensor("x", type.code(), 2L, 3L))
                .addOutput(TinyModels.tensor("y", type.code(), 2L, 3L))
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y")).build();
        Path model = TinyModels.write(dir.resolve(type.name() + ".onnx"), TinyModels.model(graph, false));
        long[] shape = {2, 3};
        HostTensor input = type == ElementType.STRING
                ? HostTensor.ofStrings(shape, "a", "", "žluť", "b", "c", "d")
                : HostTensor.ofDoubles(type, shape, 0, 1, -1.5, 3, 100, type == ElementType.BOOL ? 0 : -7);
        if (type == ElementType.UINT8) {
            input = HostTensor.ofDoubles(type, shape, 0, 1, 255, 3, 100, 7);
        }
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            HostTensor output = ((OutputValue.TensorValue) session.run(Map.of("x", input)).outputs().get("y")).tensor();
            assertThat(output.elementType()).isEqualTo(type);
            assertThat(output.shape()).containsExactly(2, 3);
            assertThat(output.firstValues(6)).isEqualTo(input.firstValues(6));
        }
    }
}
