package dev.onnxworkbench.models.flops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.testing.TestModels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCostsTest {
    @Test
    void convNetCostsPerNodeOpTypeAndModel() throws Exception {
        Graph graph = new OnnxReader().read(TestModels.convNet().toByteArray(), null, "conv.onnx").graph();
        Map<String, long[]> shapes = Map.of("input", new long[] {1, 3, 32, 32}, "conv1_out", new long[] {1, 8, 32, 32},
                "relu1_out", new long[] {1, 8, 32, 32}, "pool1_out", new long[] {1, 8, 16, 16},
                "flat", new long[] {1, 2048}, "logits", new long[] {1, 10});
        ModelCosts costs = ModelCosts.of(graph, shapes, Map.of());
        assertThat(costs.node(0)).isEqualTo(new NodeCost(2L * 8192 * 27 + 8192, 8 * 27 + 8, 8192 * 4));
        assertThat(costs.node(2).flops()).isEqualTo(2048L * 4); // MaxPool 2×2 from kernel_shape
        assertThat(costs.node(4)).isEqualTo(new NodeCost(2L * 10 * 2048 + 10, 10 * 2048 + 10, 40));
        assertThat(costs.byOpType().get("Relu").flops()).isEqualTo(8192);
        assertThat(costs.total().flops()).isEqualTo(2L * 8192 * 27 + 8192 + 8192 + 8192 + 0 + 2L * 10 * 2048 + 10);
        assertThat(costs.total().parameters()).isEqualTo(8 * 27 + 8 + 10 * 2048 + 10);
    }
}
