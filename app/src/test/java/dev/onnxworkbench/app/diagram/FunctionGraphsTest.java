package dev.onnxworkbench.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.onnx.proto.FunctionProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.testing.Protos;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionGraphsTest {

    @Test
    void nodesCallingModelLocalFunctionsAreExpandableAndTheBodyIsAGraph() throws Exception {
        FunctionProto clippedRelu = FunctionProto.newBuilder().setName("ClippedRelu").setDomain("my.functions")
                .addInput("X").addOutput("Y")
                .addNode(Protos.node("Relu", "relu", List.of("X"), List.of("r")))
                .addNode(Protos.node("Neg", "neg", List.of("r"), List.of("Y")))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName("with_function")
                .addInput(Protos.tensorValue("x", TensorProto.DataType.FLOAT_VALUE, 4L))
                .addOutput(Protos.tensorValue("y", TensorProto.DataType.FLOAT_VALUE, 4L))
                .addNode(Protos.node("ClippedRelu", "act", List.of("x"), List.of("y")).setDomain("my.functions"))
                .build();
        ModelProto proto = Protos.model(graph, 17)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("my.functions").setVersion(1))
                .addFunctions(clippedRelu).build();
        Model model = DiagramFixtures.read(proto);

        MappedGraph top = DiagramFixtures.map(model);
        DiagramNode box = top.diagram().nodes().stream().filter(n -> n.title().equals("ClippedRelu")).findFirst().orElseThrow();
        assertThat(box.expandable()).isTrue();
        assertThat(box.category()).isEqualTo("custom");

        Node caller = model.graph().nodes().getFirst();
        Graph body = FunctionGraphs.asGraph(FunctionGraphs.find(model, caller).orElseThrow());
        MappedGraph mappedBody = new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG))
                .map(body, DiagramOptions.DEFAULT, FunctionGraphs.callsFunction(model));
        assertThat(mappedBody.diagram().nodes()).extracting(DiagramNode::title).containsExactly("X", "Relu", "Neg", "Y");
        assertThat(mappedBody.diagram().edges()).hasSize(3);

        // Find looks into function bodies too, and the match leads into the body's drawing.
        var neg = GraphSearch.search(model, "neg").listed().stream().filter(m -> m.node() != null).findFirst().orElseThrow();
        assertThat(neg.where()).isEqualTo("function my.functions.ClippedRelu ▸ neg");
        MappedGraph negBody = new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG))
                .map(neg.path().resolve(model), DiagramOptions.DEFAULT, n -> false);
        assertThat(negBody.nodesById().get(neg.diagramId(negBody).orElseThrow()).opType()).isEqualTo("Neg");
    }
}
