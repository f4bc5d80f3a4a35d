package dev.onnxworkbench.models.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.diff.ModelDiffReport.NodeChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.Status;
import dev.onnxworkbench.models.diff.ModelDiffReport.WeightChange;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.tensor.ElementDecoder;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import dev.onnxworkbench.models.testing.WeightScaler;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDiffTest {
    @TempDir
    Path dir;

    private Model write(ModelProto proto, String name) throws Exception {
        return new OnnxReader().read(Protos.write(proto, dir.resolve(name)));
    }

    /** max |w| · (factor − 1): what scaling every element by the factor changes at most. */
    private static double expectedMaxDiff(Tensor weight, float factor) throws Exception {
        ByteBuffer raw = weight.data().readRaw();
        double max = 0;
        for (long i = 0; i < weight.elementCount(); i++) {
            float v = (float) ElementDecoder.decode(raw, weight.elementType(), i);
            max = Math.max(max, Math.abs(v * factor - v));
        }
        return max;
    }

    @Test
    void aModelAgainstItselfIsIdentical() throws Exception {
        Model a = write(TestModels.convNet(), "a.onnx");
        Model b = write(TestModels.convNet(), "b.onnx");
        ModelDiffReport r = ModelDiff.compare(a, b);
        assertTrue(r.identical(), r.summaryText());
        assertEquals(a.graph().nodes().size(), r.matches().size());
    }

    @Test
    void namesTheScaledInitializerWithItsLargestDifference() throws Exception {
        Model a = write(TestModels.convNet(), "a.onnx");
        ModelProto.Builder copy = TestModels.convNet().toBuilder();
        WeightScaler.Scaled s = WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Model b = write(copy.build(), "b.onnx");
        ModelDiffReport r = ModelDiff.compare(a, b);
        assertTrue(r.nodes().isEmpty(), r.nodes().toString());
        assertEquals(1, r.weights().size(), r.weights().toString());
        WeightChange w = r.weights().getFirst();
        assertEquals(s.weight(), w.name());
        assertEquals(Status.CHANGED, w.status());
        assertEquals("initializer", w.source());
        Tensor original = a.graph().initializers().stream().filter(t -> t.name().equals(s.weight())).findFirst()
                .orElseThrow();
        assertEquals(expectedMaxDiff(original, 1.05f), w.maxAbsDiff(), 1e-6);
        assertEquals(original.elementCount(), w.differing());
    }

    @Test
    void catchesAScaledWeightInAConstantNode() throws Exception {
        ModelProto constants = WeightScaler.constantsFromInitializers(TestModels.convNet());
        Model a = write(constants, "a.onnx");
        ModelProto.Builder copy = constants.toBuilder();
        WeightScaler.Scaled s = WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Model b = write(copy.build(), "b.onnx");
        ModelDiffReport r = ModelDiff.compare(a, b);
        assertEquals(1, r.weights().size(), r.weights().toString());
        WeightChange w = r.weights().getFirst();
        assertEquals(s.weight(), w.name());
        assertEquals("Constant", w.source());
        assertTrue(w.maxAbsDiff() > 0 && w.maxAbsDiff() <= 0.05 + 1e-6, "max abs diff " + w.maxAbsDiff());
        NodeChange changed = r.nodes().getFirst();
        assertEquals(Status.CHANGED, changed.status());
        assertEquals("Constant", changed.opType());
        assertTrue(changed.changes().getFirst().startsWith("value: max abs diff"), changed.changes().toString());
    }

    @Test
    void pairsRenamedNodesByStructureAndReportsAddedAndRemovedOnes() throws Exception {
        ModelProto original = TestModels.convNet();
        ModelProto.Builder edited = original.toBuilder();
        GraphProto.Builder g = edited.getGraphBuilder();
        // Rename every node and every intermediate tensor, as a re-export would; replace Relu with Sigmoid's
        // neighbour Clip (a changed operator is not a renamed one), and put an Identity in front of the Gemm.
        List<NodeProto> nodes = List.copyOf(g.getNodeList());
        g.clearNode();
        for (NodeProto n : nodes) {
            NodeProto.Builder b = n.toBuilder().setName("");
            for (int i = 0; i < b.getInputCount(); i++) {
                b.setInput(i, rename(b.getInput(i)));
            }
            for (int i = 0; i < b.getOutputCount(); i++) {
                b.setOutput(i, rename(b.getOutput(i)));
            }
            if (n.getOpType().equals("Gemm")) {
                g.addNode(Protos.node("Identity", "", List.of(b.getInput(0)), List.of("flat_copy")));
                b.setInput(0, "flat_copy");
            }
            if (n.getOpType().equals("MaxPool")) {
                b.setOpType("AveragePool");
            }
            g.addNode(b);
        }
        edited.setIrVersion(9).addMetadataProps(StringStringEntryProto.newBuilder().setKey("author").setValue("me"))
                .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(18));
        ModelDiffReport r = ModelDiff.compare(write(original, "a.onnx"), write(edited.build(), "b.onnx"));

        assertEquals(1, r.count(Status.ADDED), r.nodes().toString());
        assertEquals("Identity", r.nodes().stream().filter(n -> n.status() == Status.ADDED).findFirst().orElseThrow()
                .opType());
        assertEquals(0, r.count(Status.REMOVED), r.nodes().toString());
        NodeChange pool = r.nodes().stream().filter(n -> "pool1".equals(n.nameA())).findFirst().orElseThrow();
        assertTrue(pool.changes().contains("operator: MaxPool → AveragePool"), pool.changes().toString());
        NodeChange gemm = r.nodes().stream().filter(n -> "fc".equals(n.nameA())).findFirst().orElseThrow();
        assertTrue(gemm.changes().contains("input 0: flat → flat_copy"), gemm.changes().toString());
        assertEquals("conv1_out_v2", r.tensorsAtoB().get("conv1_out"));
        assertTrue(r.weights().isEmpty(), r.weights().toString());
        assertTrue(r.modelChanges().contains(new ModelDiffReport.PropertyChange("irVersion", null, "8", "9")));
        assertTrue(r.modelChanges().contains(new ModelDiffReport.PropertyChange("opsets", "ai.onnx", "17", "18")));
        assertTrue(r.modelChanges().contains(new ModelDiffReport.PropertyChange("metadata", "author", null, "me")));

        JsonNode json = new ObjectMapper().readTree(DiffJson.write(r));
        assertEquals(1, json.at("/summary/added").asInt());
        assertEquals(2, json.at("/summary/changed").asInt());
        assertEquals(8, json.at("/model/irVersion/a").asInt());
        assertEquals("18", json.at("/model/opsets/ai.onnx/b").asText());
        assertEquals("added", json.at("/nodes/2/status").asText(), json.toString());
    }

    private static String rename(String tensor) {
        return tensor.endsWith("_out") || tensor.equals("flat") ? tensor + "_v2" : tensor;
    }

    @Test
    void backendConvModelWithAScaledWeight() throws Exception {
        Path model = Path.of("/usr/share/libonnx-testdata/data/pytorch-converted/test_Conv2d/model.onnx");
        assumeTrue(Files.isRegularFile(model), "libonnx-testdata is not installed");
        Path copy = dir.resolve("scaled.onnx");
        WeightScaler.Scaled s = WeightScaler.scaleFile(model, copy, 0, 1.05f);
        Model a = new OnnxReader().read(model);
        ModelDiffReport r = ModelDiff.compare(a, new OnnxReader().read(copy));
        assertEquals(List.of(s.weight()), r.weights().stream().map(WeightChange::name).toList());
        assertTrue(r.weights().getFirst().maxAbsDiff() > 0);
        assertTrue(r.nodes().isEmpty(), r.nodes().toString());
    }
}
