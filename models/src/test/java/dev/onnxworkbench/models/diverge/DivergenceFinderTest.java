package dev.onnxworkbench.models.diverge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.ProviderUnavailableException;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import dev.onnxworkbench.models.testing.WeightScaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivergenceFinderTest {
    @TempDir
    Path dir;

    private final DivergenceFinder finder = new DivergenceFinder(TestSessions.factory());

    private DivergenceReport find(Path a, Path b, DivergenceOptions options) throws Exception {
        InputSet inputs = InputSet.builder(new OnnxReader().read(a)).randomFill(1).build();
        return finder.find(new RunSpec(a, ProviderSettings.cpu()), new RunSpec(b, ProviderSettings.cpu()),
                inputs.values(), inputs.describe(), options, DivergenceFinder.Progress.NONE);
    }

    @Test
    void aModelAgainstItselfDoesNotDiverge() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        DivergenceReport r = find(model, model, DivergenceOptions.defaults());
        assertTrue(r.firstDivergent().isEmpty());
        assertEquals(5, r.tensors().size(), "every node output is compared");
        assertTrue(r.tensors().stream().allMatch(t -> t.error().maxAbsError() == 0));
        assertEquals(1, r.runs());
    }

    @Test
    void aScaledInitializerMakesItsConvolutionTheFirstDivergentNode() throws Exception {
        Path a = Protos.write(TestModels.convNet(), dir.resolve("a.onnx"));
        ModelProto.Builder copy = TestModels.convNet().toBuilder();
        WeightScaler.Scaled s = WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Path b = Protos.write(copy.build(), dir.resolve("b.onnx"));

        DivergenceReport r = find(a, b, DivergenceOptions.defaults());
        TensorDivergence first = r.firstDivergent().orElseThrow();
        assertEquals(s.convOutput(), first.name());
        assertEquals("Conv", first.opType());
        assertEquals("conv1", first.node());
        assertTrue(first.error().failing() > 0);
        assertEquals(List.of("relu1_out", "pool1_out", "flat", "logits"),
                r.downstream().stream().map(TensorDivergence::name).toList());
        assertTrue(r.downstream().stream().noneMatch(TensorDivergence::pass), "the error spreads downstream");
    }

    @Test
    void aScaledConstantWeightIsTheFirstDivergentTensor() throws Exception {
        ModelProto constants = WeightScaler.constantsFromInitializers(TestModels.convNet());
        Path a = Protos.write(constants, dir.resolve("a.onnx"));
        ModelProto.Builder copy = constants.toBuilder();
        WeightScaler.Scaled s = WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Path b = Protos.write(copy.build(), dir.resolve("b.onnx"));

        TensorDivergence first = find(a, b, DivergenceOptions.defaults()).firstDivergent().orElseThrow();
        assertEquals(s.weight(), first.name());
        assertEquals("Constant", first.opType());
        assertEquals(0.05, first.error().maxRelError() / 1.05 * 1.05, 0.003);
    }

    @Test
    void batchesFindTheSameAsOneRun() throws Exception {
        Path a = Protos.write(TestModels.convNet(), dir.resolve("a.onnx"));
        ModelProto.Builder copy = TestModels.convNet().toBuilder();
        WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Path b = Protos.write(copy.build(), dir.resolve("b.onnx"));
        DivergenceReport all = find(a, b, DivergenceOptions.defaults());
        DivergenceReport batched = find(a, b, DivergenceOptions.defaults().withBatch(2));
        assertEquals(3, batched.runs());
        assertEquals(all.tensors().stream().map(TensorDivergence::name).toList(),
                batched.tensors().stream().map(TensorDivergence::name).toList());
        assertEquals(all.firstDivergent().orElseThrow().name(), batched.firstDivergent().orElseThrow().name());
    }

    @Test
    void bisectionFindsTheSameFirstTensorInLogarithmicallyManyRuns() throws Exception {
        // A deeper graph: the transformer block has ~17 tensors; scale a weight in the middle by editing an initializer.
        ModelProto original = WeightScaler.constantsFromInitializers(TestModels.transformerBlock());
        Path a = Protos.write(original, dir.resolve("a.onnx"));
        ModelProto.Builder copy = original.toBuilder();
        var g = copy.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOutput(0).equals("attn.v.weight")) {
                var node = g.getNode(i).toBuilder();
                var t = node.getAttribute(0).getT();
                var raw = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                var out = java.nio.ByteBuffer.allocate(raw.remaining()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                while (raw.hasRemaining()) {
                    out.putFloat(raw.getFloat() * 1.05f);
                }
                node.setAttribute(0, node.getAttribute(0).toBuilder().setT(t.toBuilder()
                        .setRawData(com.google.protobuf.ByteString.copyFrom(out.array()))));
                g.setNode(i, node);
            }
        }
        Path b = Protos.write(copy.build(), dir.resolve("b.onnx"));
        InputSet inputs = InputSet.builder(new OnnxReader().read(a)).dim("batch", 2).dim("seq", 5).randomFill(3)
                .build();
        RunSpec ra = new RunSpec(a, ProviderSettings.cpu());
        RunSpec rb = new RunSpec(b, ProviderSettings.cpu());
        DivergenceReport all = finder.find(ra, rb, inputs.values(), inputs.describe(), DivergenceOptions.defaults(),
                DivergenceFinder.Progress.NONE);
        DivergenceReport bisected = finder.find(ra, rb, inputs.values(), inputs.describe(),
                DivergenceOptions.defaults().withBisect(true), DivergenceFinder.Progress.NONE);
        assertEquals("attn.v.weight", all.firstDivergent().orElseThrow().name());
        assertEquals(all.firstDivergent().orElseThrow().name(), bisected.firstDivergent().orElseThrow().name());
        int n = all.shared();
        assertTrue(n > 16, "shared " + n);
        int bound = (int) Math.ceil(Math.log(n) / Math.log(2)) + 2;
        assertTrue(bisected.runs() <= bound, bisected.runs() + " runs for " + n + " tensors, bound " + bound);
        assertTrue(bisected.tensors().size() < all.tensors().size(), "bisection marks fewer tensors");

        DivergenceReport same = finder.find(ra, ra, inputs.values(), inputs.describe(),
                DivergenceOptions.defaults().withBisect(true), DivergenceFinder.Progress.NONE);
        assertTrue(same.firstDivergent().isEmpty());
        assertEquals(1, same.runs(), "agreeing outputs end the search after one run");
    }

    @Test
    void optimizationsOffAgainstAllAgreeOnAConvNet() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        InputSet inputs = InputSet.builder(new OnnxReader().read(model)).randomFill(1).build();
        DivergenceReport r = finder.find(
                new RunSpec(model, ProviderSettings.cpu().with("graph_optimization_level", "disable")),
                new RunSpec(model, ProviderSettings.cpu().with("graph_optimization_level", "all")),
                inputs.values(), inputs.describe(), new DivergenceOptions(new dev.onnxworkbench.models.tensor
                        .Tolerance(1e-4, 1e-4), Metric.ELEMENTWISE, java.util.Map.of(), false, 0),
                DivergenceFinder.Progress.NONE);
        assertTrue(r.firstDivergent().isEmpty(), () -> r.firstDivergent().toString());
        assertEquals("disable", r.runA().settings().option("graph_optimization_level"));
    }

    @Test
    void anUnavailableProviderIsAClearError() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        InputSet inputs = InputSet.builder(new OnnxReader().read(model)).randomFill(1).build();
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> finder.find(
                new RunSpec(model, ProviderSettings.defaults(ExecutionProvider.CUDA)),
                new RunSpec(model, ProviderSettings.cpu()), inputs.values(), inputs.describe(),
                DivergenceOptions.defaults(), DivergenceFinder.Progress.NONE));
        // On a machine with CUDA this would run; here (no GPU) it must say why it cannot.
        assumeTrue(e instanceof ProviderUnavailableException);
        assertTrue(e.getMessage().contains("CUDA"), e.getMessage());
    }

    @Test
    void backendConvModelWithAScaledWeight() throws Exception {
        Path model = Path.of("/usr/share/libonnx-testdata/data/pytorch-converted/test_Conv2d/model.onnx");
        assumeTrue(Files.isRegularFile(model), "libonnx-testdata is not installed");
        Path copy = dir.resolve("scaled.onnx");
        WeightScaler.Scaled s = WeightScaler.scaleFile(model, copy, 0, 1.05f);
        DivergenceReport r = find(model, copy, DivergenceOptions.defaults());
        TensorDivergence first = r.firstDivergent().orElseThrow();
        assertTrue(Set.of(s.convOutput(), s.weight()).contains(first.name()), first.name());
        assertTrue(find(model, model, DivergenceOptions.defaults()).firstDivergent().isEmpty());
        assertFalse(find(model, copy, DivergenceOptions.defaults().withBisect(true)).firstDivergent().isEmpty());
    }
}
