package dev.onnxworkbench.app.diagram;

import static dev.onnxworkbench.app.diagram.DiagramFixtures.TEST_DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramRow;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DiagramMapperTest {

    @Test
    void convNetFoldsWeightsUnderCatalogNamesAndShowsKeyAttributes() throws Exception {
        MappedGraph mapped = DiagramFixtures.map(DiagramFixtures.read(TestModels.convNet()));
        Diagram d = mapped.diagram();

        assertThat(d.nodes()).extracting(DiagramNode::title)
                .containsExactly("input", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "logits");
        DiagramNode conv = box(d, "Conv");
        assertThat(conv.category()).isEqualTo("layer");
        assertThat(conv.rows()).containsExactly(
                new DiagramRow(DiagramRow.Kind.WEIGHT, "W", "⟨8×3×3×3⟩"),
                new DiagramRow(DiagramRow.Kind.WEIGHT, "B", "⟨8⟩"),
                new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "kernel_shape", "3,3"),
                new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "pads", "1,1,1,1"),
                new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "strides", "1,1"));
        assertThat(box(d, "Relu").category()).isEqualTo("activation");
        assertThat(box(d, "MaxPool").category()).isEqualTo("pool");
        assertThat(box(d, "Gemm").rows()).extracting(DiagramRow::name).containsExactly("B", "C", "transB");

        // Weights are rows, never boxes or edges; activations flow along labelled edges.
        assertThat(d.edges()).extracting(DiagramEdge::value).doesNotContain("conv1.weight", "fc.bias");
        assertThat(edge(d, "input").label()).isEqualTo("1×3×32×32");
        assertThat(edge(d, "conv1_out").label()).isEqualTo("1×8×32×32");
        assertThat(edge(d, "relu1_out").label()).isEmpty(); // no value_info for it: shape unknown
        assertThat(edge(d, "logits").to()).isEqualTo("output:logits");
        assertThat(mapped.weights()).containsKeys("conv1.weight", "conv1.bias", "fc.weight", "fc.bias");
    }

    @Test
    void togglesRemoveAttributesShapesAndAddNames() throws Exception {
        Model model = DiagramFixtures.read(TestModels.convNet());
        Diagram plain = DiagramFixtures.map(model, new DiagramOptions(false, false, true)).diagram();

        assertThat(plain.nodes()).flatExtracting(DiagramNode::rows).extracting(DiagramRow::kind)
                .containsOnly(DiagramRow.Kind.WEIGHT);
        assertThat(plain.edges()).extracting(DiagramEdge::label).containsOnly("");
        assertThat(box(plain, "Conv").subtitle()).isEqualTo("conv1");
    }

    @Test
    void constantsFeedingOneConsumerAreFoldedIntoIt() throws Exception {
        MappedGraph mapped = DiagramFixtures.map(DiagramFixtures.read(TestModels.constantWeights()));

        assertThat(mapped.diagram().nodes()).extracting(DiagramNode::title)
                .containsExactly("x", "MatMul", "Add", "Relu", "y");
        assertThat(box(mapped.diagram(), "MatMul").rows()).containsExactly(
                new DiagramRow(DiagramRow.Kind.WEIGHT, "B", "⟨4×4⟩"));
        assertThat(box(mapped.diagram(), "Add").rows()).containsExactly(
                new DiagramRow(DiagramRow.Kind.WEIGHT, "B", "⟨4⟩"));
        assertThat(mapped.weights()).containsKeys("W", "b");
        // Find and "jump to producer" land on the box the constant was folded into.
        assertThat(mapped.producerOf("W")).isEqualTo(mapped.idOf(mapped.graph().nodes().get(2)));
    }

    @Test
    void castTargetTypeIsShownByName() throws Exception {
        Path file = TEST_DATA.resolve("node/test_cast_FLOAT_to_DOUBLE/model.onnx");
        assumeTrue(Files.exists(file), "libonnx-testdata is not installed");
        assertThat(box(DiagramFixtures.map(DiagramFixtures.read(file)).diagram(), "Cast").rows())
                .containsExactly(new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "to", "float64"));
    }

    @Test
    void scalarWeightsShowTheirValueLikeNetron() throws Exception {
        MappedGraph mapped = DiagramFixtures.map(DiagramFixtures.read(TestModels.transformerBlock()));
        // "scale" is a float32 scalar 0.25 feeding Mul: drawn as "B = 0.25", not as a shape.
        assertThat(box(mapped.diagram(), "Mul").rows()).containsExactly(
                new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "B", "0.25"));
        assertThat(box(mapped.diagram(), "Reshape").rows()).containsExactly(
                new DiagramRow(DiagramRow.Kind.WEIGHT, "shape", "⟨4⟩"));
    }

    @Test
    void controlFlowNodesAreExpandableAndDoNotPrintTheirGraphs() throws Exception {
        MappedGraph mapped = DiagramFixtures.map(DiagramFixtures.read(TestModels.controlFlow()));

        DiagramNode ifBox = box(mapped.diagram(), "If");
        DiagramNode loopBox = box(mapped.diagram(), "Loop");
        assertThat(ifBox.expandable()).isTrue();
        assertThat(loopBox.expandable()).isTrue();
        assertThat(ifBox.category()).isEqualTo("control");
        // Subgraphs are named in the box, as Netron does ("then_branch = then_branch").
        assertThat(ifBox.rows()).containsExactly(
                new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "then_branch", "then_branch"),
                new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "else_branch", "else_branch"));
        assertThat(loopBox.rows()).extracting(DiagramRow::name).containsExactly("M", "cond", "body");
    }

    @Test
    void backendSuiteConvModelDrawsOneConvBoxWithItsWeights() throws Exception {
        Path file = TEST_DATA.resolve("pytorch-converted/test_Conv2d/model.onnx");
        assumeTrue(Files.exists(file), "libonnx-testdata is not installed");
        Diagram d = DiagramFixtures.map(DiagramFixtures.read(file)).diagram();

        assertThat(d.nodes()).extracting(DiagramNode::kind).containsExactly(
                DiagramNode.Kind.INPUT, DiagramNode.Kind.OPERATOR, DiagramNode.Kind.OUTPUT);
        // IR 3 lists the weights as graph inputs too: they must still be rows, not input terminals.
        assertThat(box(d, "Conv").rows()).extracting(DiagramRow::kind)
                .startsWith(DiagramRow.Kind.WEIGHT, DiagramRow.Kind.WEIGHT);
        assertThat(box(d, "Conv").rows().getFirst().value()).isEqualTo("⟨4×3×3×2⟩");
        assertThat(d.edges()).extracting(DiagramEdge::label).containsExactly("2×3×7×5", "2×4×5×4");
    }

    @Test
    void everyBackendSuiteModelMapsToAConsistentDiagram() throws Exception {
        assumeTrue(Files.isDirectory(TEST_DATA), "libonnx-testdata is not installed");
        List<Path> files;
        try (Stream<Path> s = Files.walk(TEST_DATA, 3)) {
            files = s.filter(p -> p.getFileName().toString().equals("model.onnx")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(500);
        int mapped = 0;
        for (Path file : files) {
            Model model;
            try {
                model = DiagramFixtures.read(file);
            } catch (dev.onnxworkbench.models.WorkbenchException unreadable) {
                continue; // the reader's own tests cover files it refuses
            }
            Diagram d = DiagramFixtures.map(model).diagram();
            Set<String> ids = new HashSet<>();
            for (DiagramNode n : d.nodes()) {
                assertThat(ids.add(n.id())).as("unique box id %s in %s", n.id(), file).isTrue();
            }
            Set<String> edgeIds = new HashSet<>();
            for (DiagramEdge e : d.edges()) {
                assertThat(ids).as("edge %s of %s", e.id(), file).contains(e.from(), e.to());
                assertThat(edgeIds.add(e.id())).as("unique edge id %s in %s", e.id(), file).isTrue();
            }
            long boxes = d.nodes().stream().filter(n -> n.kind() == DiagramNode.Kind.OPERATOR).count();
            assertThat(boxes).as("boxes of %s", file).isLessThanOrEqualTo(model.graph().nodes().size());
            mapped++;
        }
        assertThat(mapped).isGreaterThan(500);
    }

    private static DiagramNode box(Diagram d, String title) {
        return d.nodes().stream().filter(n -> n.title().equals(title)).findFirst().orElseThrow();
    }

    private static DiagramEdge edge(Diagram d, String value) {
        return d.edges().stream().filter(e -> e.value().equals(value)).findFirst().orElseThrow();
    }
}
