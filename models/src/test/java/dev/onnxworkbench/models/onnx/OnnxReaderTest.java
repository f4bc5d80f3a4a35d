package dev.onnxworkbench.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.proto.FunctionProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxReaderTest {
    private final OnnxReader reader = new OnnxReader();

    @TempDir
    Path dir;

    @Test
    void readsTheConvNetWithItsModelPropertiesAndLazyWeights() throws Exception {
        Path file = Protos.write(TestModels.convNet().toBuilder().setDocString("a small net")
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("author").setValue("tests")).build(),
                dir.resolve("conv.onnx"));

        Model model = reader.read(file);

        assertThat(model.path()).isEqualTo(file);
        assertThat(model.irVersion()).isEqualTo(8);
        assertThat(model.producerName()).isEqualTo("onnx-workbench-tests");
        assertThat(model.docString()).isEqualTo("a small net");
        assertThat(model.metadata()).containsEntry("author", "tests");
        assertThat(model.opsetVersion("")).isEqualTo(17);
        assertThat(model.graph().nodes()).extracting(Node::opType)
                .containsExactly("Conv", "Relu", "MaxPool", "Flatten", "Gemm");
        Node conv = model.graph().nodes().getFirst();
        assertThat(conv.domain()).isEqualTo("ai.onnx");
        assertThat(conv.importedOpsetVersion()).isEqualTo(17);
        assertThat(conv.attribute("kernel_shape")).get().extracting(a -> a.value())
                .isEqualTo(new AttributeValue.Ints(List.of(3L, 3L)));
        assertThat(model.graph().inputs().getFirst().type())
                .isEqualTo(new ValueType.TensorType(ElementType.FLOAT, Shape.of(1, 3, 32, 32)));

        Tensor weight = model.graph().initializers().getFirst();
        assertThat(weight.name()).isEqualTo("conv1.weight");
        assertThat(weight.dims()).containsExactly(8L, 3L, 3L, 3L);
        assertThat(weight.data().isExternal()).isFalse();
        ByteBuffer raw = weight.data().readRaw();
        assertThat(raw.remaining()).isEqualTo(8 * 3 * 3 * 3 * 4);
        assertThat(raw.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        float expectedFirst = TestModels.convNet().getGraph().getInitializer(0).getRawData()
                .asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
        assertThat(raw.getFloat(0)).isEqualTo(expectedFirst);
    }

    @Test
    void rawDataIsAViewOnTheMappedFileNotACopy() throws Exception {
        Path file = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        ByteBuffer raw = reader.read(file).graph().initializers().get(2).data().readRaw();
        assertThat(raw.isDirect()).as("raw_data should alias the memory-mapped file").isTrue();
    }

    @Test
    void keepsSymbolicAndUnknownDimensions() throws Exception {
        Model model = reader.read(TestModels.transformerBlock().toByteArray(), null, "block.onnx");
        Shape x = ((ValueType.TensorType) model.graph().inputs().getFirst().type()).shape();
        assertThat(x.dims()).containsExactly(Dimension.of("batch"), Dimension.of("seq"), Dimension.of(64));
        assertThat(x.toString()).isEqualTo("[batch,seq,64]");
        assertThat(model.graph().nodes()).extracting(Node::opType).contains("LayerNormalization", "Softmax", "Reshape");
        assertThat(model.path()).isNull();
    }

    @Test
    void readsSubgraphsOfIfAndLoopRecursivelyWithTheModelsOpset() throws Exception {
        Model model = reader.read(TestModels.controlFlow().toByteArray(), null, "flow.onnx");
        Node ifNode = model.graph().nodes().get(0);
        Node loop = model.graph().nodes().get(1);
        assertThat(ifNode.subgraphs()).extracting(Node.NamedGraph::attributeName)
                .containsExactly("then_branch", "else_branch");
        assertThat(ifNode.subgraphs().get(1).graph().nodes().getFirst().opType()).isEqualTo("Mul");
        assertThat(ifNode.subgraphs().get(0).graph().initializers()).extracting(Tensor::name).containsExactly("one");
        Node bodyAdd = loop.subgraphs().getFirst().graph().nodes().get(1);
        assertThat(bodyAdd.importedOpsetVersion()).isEqualTo(17);
        assertThat(model.graph().totalNodeCount()).isEqualTo(2 + 1 + 1 + 2);
    }

    @Test
    void readsWeightsHeldInConstantNodes() throws Exception {
        Model model = reader.read(TestModels.constantWeights().toByteArray(), null, "const.onnx");
        assertThat(model.graph().initializers()).isEmpty();
        var value = (AttributeValue.TensorValue) model.graph().nodes().getFirst().attribute("value").orElseThrow().value();
        assertThat(value.tensor().dims()).containsExactly(4L, 4L);
        assertThat(value.tensor().data().readRaw().remaining()).isEqualTo(64);
    }

    @Test
    void functionsUseTheirOwnOpsetImportsAndCustomDomainsKeepTheirName() throws Exception {
        ModelProto proto = TestModels.constantWeights().toBuilder()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1))
                .addFunctions(FunctionProto.newBuilder().setName("Swish").setDomain("com.example")
                        .addInput("x").addOutput("y")
                        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                        .addNode(Protos.node("Sigmoid", "s", List.of("x"), List.of("sx")))
                        .addNode(Protos.node("Mul", "m", List.of("x", "sx"), List.of("y"))))
                .build();
        ModelProto withCall = proto.toBuilder().setGraph(proto.getGraph().toBuilder()
                .addNode(Protos.node("Swish", "swish", List.of("y"), List.of("z")).setDomain("com.example"))).build();

        Model model = reader.read(withCall.toByteArray(), null, "functions.onnx");

        assertThat(model.functions()).hasSize(1);
        assertThat(model.functions().getFirst().nodes()).allSatisfy(n -> assertThat(n.importedOpsetVersion()).isEqualTo(13));
        Node call = model.graph().nodes().getLast();
        assertThat(call.domain()).isEqualTo("com.example");
        assertThat(call.importedOpsetVersion()).isEqualTo(1);
        assertThat(model.opsetVersion("ai.onnx")).isEqualTo(17);
    }

    @Test
    void nodesOfADomainTheModelDoesNotImportHaveNoVersion() throws Exception {
        ModelProto proto = TestModels.constantWeights();
        ModelProto custom = proto.toBuilder().setGraph(proto.getGraph().toBuilder()
                .addNode(Protos.node("Fancy", "f", List.of("y"), List.of("z")).setDomain("org.unknown"))).build();
        Model model = reader.read(custom.toByteArray(), null, "custom.onnx");
        assertThat(model.graph().nodes().getLast().importedOpsetVersion()).isEqualTo(-1);
    }

    @Test
    void readsAScikitLearnStyleExportWithMlOperatorsAndSequenceOfMapOutput() throws Exception {
        Model model = reader.read(TestModels.sklearnStyleClassifier().toByteArray(), null, "skl.onnx");
        assertThat(model.producerName()).isEqualTo("skl2onnx");
        Node zipMap = model.graph().nodes().get(1);
        assertThat(zipMap.domain()).isEqualTo("ai.onnx.ml");
        assertThat(zipMap.importedOpsetVersion()).isEqualTo(1);
        assertThat(model.graph().nodes().getFirst().attribute("post_transform").orElseThrow().value())
                .isEqualTo(new AttributeValue.StringValue("SOFTMAX"));
        assertThat(model.graph().inputs().getFirst().type()).hasToString("float32[?,4]");
        assertThat(model.graph().outputs().get(1).type()).isEqualTo(new ValueType.SequenceType(
                new ValueType.MapType(ElementType.INT64, new ValueType.TensorType(ElementType.FLOAT, Shape.UNKNOWN_RANK))));
    }

    @Test
    void readsALargeGeneratedChainCompletely() throws Exception {
        Model model = reader.read(TestModels.chain(10_001).toByteArray(), null, "chain.onnx");
        assertThat(model.graph().nodes()).hasSize(10_001);
        assertThat(model.graph().initializers()).hasSize(2 * 2500);
        assertThat(model.graph().nodes().getLast().outputs()).containsExactly("y");
    }
}
