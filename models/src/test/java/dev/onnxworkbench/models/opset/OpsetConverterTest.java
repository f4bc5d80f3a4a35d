package dev.onnxworkbench.models.opset;

import static dev.onnxworkbench.models.testing.Protos.floatAttr;
import static dev.onnxworkbench.models.testing.Protos.intAttr;
import static dev.onnxworkbench.models.testing.Protos.intsAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsetConverterTest {
    private static final int F = TensorProto.DataType.FLOAT_VALUE;

    @TempDir
    Path dir;

    /** One opset-9 model with a branch per operator whose schema changes between 9 and 18. */
    private static GraphProto.Builder everyChangedOperator() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("changed-ops")
                .addInput(tensorValue("x", F, 2L, 3L, 4L, 5L))
                .addInitializer(Protos.rawTensor("up_scales", F, floatsLE(1, 1, 2, 2), 4))
                .addInitializer(Protos.floats("bn_scale", 1, 3)).addInitializer(Protos.floats("bn_bias", 2, 3))
                .addInitializer(Protos.floats("bn_mean", 3, 3))
                .addInitializer(Protos.rawTensor("bn_var", F, floatsLE(0.5f, 1.5f, 2f), 3));
        g.addNode(node("Slice", "slice", List.of("x"), List.of("s"))
                .addAttribute(intsAttr("starts", 1, 0)).addAttribute(intsAttr("ends", 2, 3)).addAttribute(intsAttr("axes", 0, 2)));
        g.addNode(node("Clip", "clip", List.of("x"), List.of("c")).addAttribute(floatAttr("min", -0.2f))
                .addAttribute(floatAttr("max", 0.3f)));
        g.addNode(node("Clip", "clip_max_only", List.of("x"), List.of("c2")).addAttribute(floatAttr("max", 0.1f)));
        g.addNode(node("Softmax", "softmax_axis1", List.of("x"), List.of("sm")).addAttribute(intAttr("axis", 1)));
        g.addNode(node("Softmax", "softmax_last", List.of("x"), List.of("sm3")).addAttribute(intAttr("axis", 3)));
        g.addNode(node("LogSoftmax", "logsoftmax_default", List.of("x"), List.of("lsm")));
        g.addNode(node("Pad", "pad", List.of("x"), List.of("p")).addAttribute(intsAttr("pads", 0, 0, 1, 1, 0, 0, 1, 1))
                .addAttribute(floatAttr("value", 0.5f)));
        g.addNode(node("Upsample", "upsample", List.of("x", "up_scales"), List.of("u")));
        g.addNode(node("Upsample", "upsample_linear", List.of("x", "up_scales"), List.of("ul"))
                .addAttribute(AttributeProto.newBuilder().setName("mode").setType(AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8("linear"))));
        g.addNode(node("ReduceSum", "reducesum", List.of("x"), List.of("rs")).addAttribute(intsAttr("axes", 1))
                .addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("ReduceMean", "reducemean", List.of("x"), List.of("rm")).addAttribute(intsAttr("axes", 2, 3)));
        g.addNode(node("Unsqueeze", "unsqueeze", List.of("x"), List.of("us")).addAttribute(intsAttr("axes", 0)));
        g.addNode(node("Squeeze", "squeeze", List.of("us"), List.of("sq")).addAttribute(intsAttr("axes", 0)));
        g.addNode(node("Split", "split", List.of("x"), List.of("sp0", "sp1")).addAttribute(intAttr("axis", 1))
                .addAttribute(intsAttr("split", 1, 2)));
        g.addNode(node("Split", "split_even", List.of("x"), List.of("se0", "se1")).addAttribute(intAttr("axis", 0)));
        g.addNode(node("TopK", "topk", List.of("x"), List.of("tv", "ti")).addAttribute(intAttr("k", 2)));
        g.addNode(node("Dropout", "dropout", List.of("x"), List.of("d")).addAttribute(floatAttr("ratio", 0.3f)));
        g.addNode(node("BatchNormalization", "bn", List.of("x", "bn_scale", "bn_bias", "bn_mean", "bn_var"), List.of("bn")));
        for (String o : List.of("s", "c", "c2", "sm", "sm3", "lsm", "p", "u", "ul", "rs", "rm", "sq", "sp0", "sp1", "se0",
                "se1", "tv", "d", "bn")) {
            g.addOutput(tensorValue(o, F));
        }
        g.addOutput(tensorValue("ti", TensorProto.DataType.INT64_VALUE));
        g.setOutput(g.getOutputCount() - 1, g.getOutput(g.getOutputCount() - 1).toBuilder()
                .setType(g.getOutput(g.getOutputCount() - 1).getType().toBuilder()
                        .setTensorType(g.getOutput(g.getOutputCount() - 1).getType().getTensorType().toBuilder().clearShape())));
        for (int i = 0; i < g.getOutputCount(); i++) { // outputs of unknown shape
            var o = g.getOutput(i);
            g.setOutput(i, o.toBuilder().setType(o.getType().toBuilder()
                    .setTensorType(o.getType().getTensorType().toBuilder().clearShape())));
        }
        return g;
    }

    static byte[] floatsLE(float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }


    @Test
    void everyChangedOperatorFrom9To18GivesTheSameOutputsInOnnxRuntime() throws Exception {
        Path model = Protos.write(Protos.model(everyChangedOperator().build(), 9).setIrVersion(4).build(),
                dir.resolve("in/changed.onnx"));
        byte[] before = Files.readAllBytes(model);
        OpsetConverter to18 = new OpsetConverter(18);
        try (DerivedModel converted = ModelRewriter.open(model).transform(to18).write()) {
            Model m = new OnnxReader().read(converted.path());
            assertThat(m.opsetVersion("")).isEqualTo(18);
            assertThat(m.irVersion()).isEqualTo(8);
            for (Node n : m.graph().nodes()) {
                assertThat(n.opType()).isNotEqualTo("Upsample");
                assertThat(n.attributes()).extracting(a -> a.name())
                        .doesNotContain("axes", "starts", "ends", "min", "max", "pads", "k", "split", "ratio");
            }
            assertThat(m.graph().nodes()).filteredOn(n -> n.opType().equals("Resize")).hasSize(2);
            assertThat(to18.conversion().rewrites()).extracting(ConversionStep::opType)
                    .contains("Slice", "Clip", "Softmax", "LogSoftmax", "Pad", "Upsample", "Resize", "ReduceSum",
                            "ReduceMean", "Unsqueeze", "Squeeze", "Split", "TopK", "Dropout", "BatchNormalization");
            Map<String, HostTensor> inputs = Map.of("x", OrtRuns.ramp(2, 3, 4, 5));
            Map<String, HostTensor> expected = OrtRuns.run(model, inputs);
            Map<String, HostTensor> actual = OrtRuns.run(converted.path(), inputs);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String name : expected.keySet()) {
                OrtRuns.assertClose(name, actual.get(name), expected.get(name), 1e-6);
            }
        }
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void aStepWithoutAConverterIsRefusedNamingTheOperatorAndNodes() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(tensorValue("x", F, 2L, 3L))
                .addNode(node("Relu", "relu", List.of("x"), List.of("y")))
                .addNode(node("GroupNormalization", "gn", List.of("y", "s", "b"), List.of("z")))
                .addInitializer(Protos.floats("s", 1, 1)).addInitializer(Protos.floats("b", 2, 1))
                .addOutput(tensorValue("z", F));
        Path model = Protos.write(Protos.model(g.build(), 18).build(), dir.resolve("gn.onnx"));
        ModelRewriter rewriter = ModelRewriter.open(model);
        var untouched = rewriter.proto();
        assertThatThrownBy(() -> rewriter.transform(new OpsetConverter(21)))
                .isInstanceOf(OpsetConversionException.class)
                .hasMessageContaining("GroupNormalization 20→21").hasMessageContaining("gn");
        assertThat(rewriter.proto()).isEqualTo(untouched);
    }

    @Test
    void downgradesAreRefused() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(tensorValue("x", F, 2L))
                .addNode(node("Relu", "relu", List.of("x"), List.of("y"))).addOutput(tensorValue("y", F, 2L));
        Path model = Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("relu.onnx"));
        assertThatThrownBy(() -> ModelRewriter.open(model).transform(new OpsetConverter(11)))
                .isInstanceOf(OpsetConversionException.class).hasMessageContaining("down from opset 13 to 11");
    }
}
