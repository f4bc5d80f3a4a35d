package dev.onnxworkbench.models.precision;

import static dev.onnxworkbench.models.testing.Protos.intsAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DB text detector's head as PaddlePaddle exports it: ConvTranspose → Add(bias) → BatchNormalization → Relu →
 * ConvTranspose → Add(bias) → Sigmoid, with logits in the hundreds. The biases and the BatchNormalization fold into
 * the ConvTransposes, the logits are quantized only over where the sigmoid still changes, and the probabilities
 * keep the whole [0, 1] whatever the calibration method.
 */
class SaturatingHeadTest {
    private static final ModelVerifier VERIFIER = new ModelVerifier(SessionFactory.withDefaults(), ProviderSettings.cpu());

    @TempDir
    Path dir;

    @Test
    void biasAddsAndTheBatchNormFoldIntoTheConvTransposesAndTheLogitsAreClampedToTheSigmoidsRange() throws Exception {
        Path model = dbHead(dir);
        Path out = dir.resolve("head_int8.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999),
                PrecisionModels.randomSet(model, 6, 1), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("1 BatchNormalization folded")
                .contains("2 Add of a per-channel constant after a convolution folded into its bias"));
        assertThat(r.kept()).as("nothing stays float").isEmpty();

        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(g.getNodeList()).extracting(NodeProto::getOpType).doesNotContain("Add", "BatchNormalization");
        assertThat(named(g, "up2").getOutput(0)).as("the last ConvTranspose writes the logits itself")
                .startsWith("logits");
        float logitScale = scalar(init(g, "logits_scale"));
        assertThat(logitScale * 255).as("the logits span ±8, not the hundreds calibration saw")
                .isLessThanOrEqualTo(16.0001f).isGreaterThan(15.9f);

        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, PrecisionModels.randomSet(model, 4, 7),
                null, Progress.NONE);
        AccuracyReport.OutputAccuracy y = a.outputs().getFirst();
        assertThat(y.meanAbsError()).as("probabilities on data it was not calibrated on").isLessThan(0.02);
    }

    @Test
    void theFoldsAloneChangeNothing() throws Exception {
        Path model = dbHead(dir);
        Path out = dir.resolve("head_folded.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false,
                        Set.of("ConvTranspose", "Conv", "Relu", "Sigmoid"), 99.999),
                PrecisionModels.randomSet(model, 2, 1), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, PrecisionModels.randomSet(model, 3, 5),
                null, Progress.NONE);
        assertThat(a.outputs().getFirst().maxAbsError()).isLessThan(1e-5);
    }

    @Test
    void entropyAndPercentileNeverCutASigmoidsOutput() throws Exception {
        Path model = dbHead(dir);
        for (CalibrationMethod method : List.of(CalibrationMethod.ENTROPY, CalibrationMethod.PERCENTILE,
                CalibrationMethod.MSE)) {
            Path out = dir.resolve("head_" + method + ".onnx");
            QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                    new QuantizeOptions(method, true, false, Set.of(), 99.0),
                    PrecisionModels.randomSet(model, 6, 1), Progress.NONE);
            assertThat(r.check().ok()).as(r.check().message()).isTrue();
            GraphProto g = PrecisionModels.proto(out).getGraph();
            assertThat(scalar(init(g, "y_scale")) * 255).as(method + ": the probabilities span [0, 1]")
                    .isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    /**
     * x[1,4,8,8] → Conv(w) "neck" → Relu → ConvTranspose(wt1, stride 2) "up1" → Add(b1[4,1,1]) → BatchNormalization
     * → Relu → ConvTranspose(60·wt2, stride 2) "up2" → Add(b2[1,1,1]) → logits → Sigmoid → y[1,1,32,32].
     */
    static Path dbHead(Path dir) throws Exception {
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto.Builder g = GraphProto.newBuilder().setName("db_head")
                .addInput(tensorValue("x", f, 1L, 4L, 8L, 8L))
                .addOutput(tensorValue("y", f, 1L, 1L, 32L, 32L))
                .addInitializer(Protos.floats("w", 31, 4, 4, 3, 3))
                .addInitializer(Protos.floats("wt1", 32, 4, 4, 2, 2))
                .addInitializer(Protos.floats("b1", 33, 4, 1, 1))
                .addInitializer(Protos.floats("gamma", 34, 4))
                .addInitializer(Protos.floats("beta", 35, 4))
                .addInitializer(Protos.floats("mean", 36, 4))
                .addInitializer(positive("var", 4))
                .addInitializer(scaled(Protos.floats("wt2", 37, 4, 1, 2, 2), 60f))
                .addInitializer(Protos.floats("b2", 38, 1, 1, 1));
        g.addNode(node("Conv", "neck", List.of("x", "w"), List.of("c")).addAttribute(intsAttr("pads", 1, 1, 1, 1)));
        g.addNode(node("Relu", "relu1", List.of("c"), List.of("r")));
        g.addNode(node("ConvTranspose", "up1", List.of("r", "wt1"), List.of("t1"))
                .addAttribute(intsAttr("strides", 2, 2)));
        g.addNode(node("Add", "bias1", List.of("t1", "b1"), List.of("a1")));
        g.addNode(node("BatchNormalization", "bn", List.of("a1", "gamma", "beta", "mean", "var"), List.of("n1")));
        g.addNode(node("Relu", "relu2", List.of("n1"), List.of("r2")));
        g.addNode(node("ConvTranspose", "up2", List.of("r2", "wt2"), List.of("t2"))
                .addAttribute(intsAttr("strides", 2, 2)));
        g.addNode(node("Add", "bias2", List.of("t2", "b2"), List.of("logits")));
        g.addNode(node("Sigmoid", "sigmoid", List.of("logits"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("db_head.onnx"));
    }

    private static TensorProto scaled(TensorProto t, float factor) {
        ByteBuffer in = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            out.putFloat(in.getFloat() * factor);
        }
        return t.toBuilder().setRawData(com.google.protobuf.ByteString.copyFrom(out.array())).build();
    }

    private static TensorProto positive(String name, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f + i * 0.25f;
        }
        return Protos.rawTensor(name, TensorProto.DataType.FLOAT_VALUE, PrecisionModels.floats(v), n);
    }

    private static NodeProto named(GraphProto g, String name) {
        return g.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static TensorProto init(GraphProto g, String name) {
        return g.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no initializer " + name + " in "
                        + g.getInitializerList().stream().map(TensorProto::getName).toList()));
    }

    private static float scalar(TensorProto t) {
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
    }
}
