package dev.onnxworkbench.models.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.testing.TestModels;
import org.junit.jupiter.api.Test;

class GraphIndexTest {
    private final OnnxReader reader = new OnnxReader();

    @Test
    void findsProducersConsumersTypesAndInitializersOfTheConvNet() throws Exception {
        Graph graph = reader.read(TestModels.convNet().toByteArray(), null, "conv.onnx").graph();
        GraphIndex index = GraphIndex.of(graph);

        assertThat(index.producer("relu1_out")).get().extracting(Node::name).isEqualTo("relu1");
        assertThat(index.producer("input")).isEmpty();
        assertThat(index.consumers("input")).extracting(Node::name).containsExactly("conv1");
        assertThat(index.consumers("logits")).isEmpty();
        assertThat(index.consumers("no such value")).isEmpty();
        assertThat(index.type("input")).get().hasToString("float32[1,3,32,32]");
        assertThat(index.type("pool1_out")).get().hasToString("float32[1,8,16,16]");
        assertThat(index.type("conv1.weight")).get().hasToString("float32[8,3,3,3]");
        assertThat(index.type("relu1_out")).isEmpty();
        assertThat(index.initializer("fc.bias")).get().extracting(Tensor::dims).asList().containsExactly(10L);
        assertThat(index.isGraphInput("input")).isTrue();
        assertThat(index.isGraphInput("conv1.weight")).isFalse();
    }

    @Test
    void aValueReadTwiceByOneNodeListsThatNodeOnceAndResidualsHaveTwoConsumers() throws Exception {
        Graph graph = reader.read(TestModels.chain(8).toByteArray(), null, "chain.onnx").graph();
        GraphIndex index = GraphIndex.of(graph);
        assertThat(index.consumers("x")).extracting(Node::name).containsExactly("block0.add_bias", "block0.residual");
        assertThat(index.producer("y")).get().extracting(Node::name).isEqualTo("block1.residual");

        Graph loopBody = reader.read(TestModels.controlFlow().toByteArray(), null, "flow.onnx")
                .graph().nodes().get(1).subgraphs().getFirst().graph();
        assertThat(GraphIndex.of(loopBody).consumers("v_in")).extracting(Node::name).containsExactly("body_double");
    }

    @Test
    void ifBranchesThatReadAnOuterValueAreCapturingNodesNotConsumers() throws Exception {
        Graph graph = reader.read(TestModels.controlFlow().toByteArray(), null, "flow.onnx").graph();
        GraphIndex index = GraphIndex.of(graph);
        assertThat(index.consumers("x")).extracting(Node::name).containsExactly("repeat");
        assertThat(index.capturingNodes("x")).extracting(Node::name).containsExactly("branch");
        assertThat(index.capturingNodes("one")).isEmpty(); // defined inside the then-branch
        assertThat(index.capturingNodes("cond")).isEmpty();
    }

    @Test
    void indexesEveryValueOfALargeGraph() throws Exception {
        Graph graph = reader.read(TestModels.chain(20_000).toByteArray(), null, "chain.onnx").graph();
        GraphIndex index = GraphIndex.of(graph);
        for (Node node : graph.nodes()) {
            for (String out : node.outputs()) {
                assertThat(index.producer(out)).containsSame(node);
            }
        }
        assertThat(index.valueNames()).hasSize(1 + 10_000 + 20_000);
    }
}
