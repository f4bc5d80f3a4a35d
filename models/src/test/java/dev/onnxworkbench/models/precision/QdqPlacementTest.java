package dev.onnxworkbench.models.precision;

import static dev.onnxworkbench.models.testing.Protos.floatAttr;
import static dev.onnxworkbench.models.testing.Protos.intAttr;
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
 * Where the static quantizer puts Q/DQ in a MobileNetV3 block as PaddlePaddle exports it (hardswish as Add, Clip,
 * Mul, Div; a squeeze-excitation gate ending in HardSigmoid; a MaxPool): only where ONNX Runtime fuses an int8
 * kernel, nothing unread, and the same answers as the float model.
 */
class QdqPlacementTest {
    private static final ModelVerifier VERIFIER = new ModelVerifier(SessionFactory.withDefaults(), ProviderSettings.cpu());

    @TempDir
    Path dir;

    @Test
    void hardswishDivisionBecomesARescaledDequantizeAndTheGateHardSigmoidFoldsIntoItsConv() throws Exception {
        Path model = mobileNetV3Block(dir);
        Path out = dir.resolve("q.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999),
                PrecisionModels.randomSet(model, 6, 1), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.quantized()).containsEntry("Mul (by a constant, folded into the scale)", 1)
                .containsEntry("Clip (folded)", 2).containsEntry("Conv", 4);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("1 HardSigmoid after a Conv folded"));
        assertThat(r.kept()).anySatisfy(k -> {
            assertThat(k.opType()).isEqualTo("MaxPool");
            assertThat(k.reason()).contains("uint8 MaxPool");
        });

        GraphProto g = PrecisionModels.proto(out).getGraph();
        List<String> ops = g.getNodeList().stream().map(NodeProto::getOpType).toList();
        assertThat(ops).as("HardSigmoid and Div are gone; only x·clip and the gate stay Muls")
                .doesNotContain("HardSigmoid", "Div", "Clip");
        assertThat(ops.stream().filter("Mul"::equals).count()).isEqualTo(2);

        // hs = m / 6: no Mul, a DequantizeLinear of m's quantized values with m's scale / 6 and m's zero point
        NodeProto hs = producer(g, "hs");
        assertThat(hs.getOpType()).isEqualTo("DequantizeLinear");
        assertThat(hs.getInputList()).startsWith("m_q", "hs_scale");
        assertThat(hs.getInput(2)).as("m's zero point: one initializer per value, shared")
                .isEqualTo(producer(g, "m_q").getInput(2)).startsWith("zp_u8_");
        assertThat(scalar(init(g, "hs_scale"))).isCloseTo(scalar(init(g, "m_scale")) / 6f,
                org.assertj.core.data.Offset.offset(1e-9f));
        assertThat(g.getNodeList()).as("m is read only by the rescale: no DequantizeLinear writes m")
                .noneSatisfy(n -> assertThat(n.getOutputList()).contains("m"));

        // gate = HardSigmoid(Conv(w4, b4)) → Conv(0.2·w4, 0.2·b4 + 0.5) with the Clip(0, 1) folded into its Q
        NodeProto se2 = named(g, "se2");
        assertThat(se2.getOutput(0)).isEqualTo("s_hardsigmoid_scaled");
        assertThat(producer(g, "gate_q").getInputList()).containsExactly("s_hardsigmoid_scaled", "gate_scale", "zp_u8_0");
        float gateScale = scalar(init(g, "gate_scale"));
        assertThat(gateScale * 255).as("the gate's range is HardSigmoid's [0, 1]").isLessThanOrEqualTo(1.0001f);

        // MaxPool stays float between a DQ and a Q with its own range (so ORT cannot drop the pair)
        NodeProto pool = named(g, "pool");
        assertThat(pool.getInput(0)).isEqualTo("e");
        assertThat(producer(g, "e").getOpType()).isEqualTo("DequantizeLinear");

        // nothing unread
        assertThat(g.getNodeList()).filteredOn(n -> n.getOpType().equals("DequantizeLinear"))
                .allSatisfy(n -> assertThat(readers(g, n.getOutput(0)) > 0 || n.getOutput(0).equals("y"))
                        .as(n.getOutput(0) + " is read").isTrue());

        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, PrecisionModels.randomSet(model, 4, 9),
                null, Progress.NONE);
        AccuracyReport.OutputAccuracy y = a.outputs().getFirst();
        // five int8 layers of random weights, 6 calibration samples: within 10 % of the output's mean magnitude
        assertThat(y.meanAbsError()).as("on data it was not calibrated on").isLessThan(0.1 * y.referenceAbsMean());
    }

    @Test
    void excludingTheConvAHardSigmoidWasFoldedIntoCalibratesItsScaledOutputFromTheOriginal() throws Exception {
        // The folded Conv writes s_hardsigmoid_scaled, which the original model (the one calibration runs) lacks;
        // keeping that Conv in float (a click in the window, --exclude se2) used to fail naming that tensor.
        Path model = mobileNetV3Block(dir);
        for (String exclude : List.of("se2", "Conv")) {
            Path out = dir.resolve("excluded-" + exclude + ".onnx");
            QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                    new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(exclude), 99.999),
                    PrecisionModels.randomSet(model, 4, 3), Progress.NONE);
            assertThat(r.check().ok()).as(r.check().message()).isTrue();
            assertThat(r.excludedNodes()).as(exclude).isNotEmpty();
        }
    }

    @Test
    void aScalarMulWithoutAQuantizedReaderOrWithANegativeConstantIsAnOrdinaryQLinearMul() throws Exception {
        Path model = mobileNetV3Block(dir, -6f);
        Path out = dir.resolve("neg.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, false, false, Set.of(), 99.999),
                PrecisionModels.randomSet(model, 3, 2), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.quantized()).doesNotContainKey("Mul (by a constant, folded into the scale)");
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(g.getNodeList()).extracting(NodeProto::getOpType).as("Div by −6 became a Mul by −1/6, kept a Mul")
                .filteredOn("Mul"::equals).hasSize(3);
    }

    @Test
    void aHeatmapWhosePeaksAreFoundByEqualMaxPoolStaysFloatBackToItsConv() throws Exception {
        Path model = peakHead(dir);
        Path out = dir.resolve("peaks_int8.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999),
                PrecisionModels.randomSet(model, 6, 3), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.quantized()).as("the body Conv is still int8").containsEntry("Conv", 1);
        assertThat(r.kept()).filteredOn(k -> k.reason().contains("compared (Equal)"))
                .extracting(QuantizationReport.Kept::opType).containsExactlyInAnyOrder("Conv", "Sigmoid", "Mul");

        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(named(g, "head").getInput(0)).as("the head Conv reads the body's int8 values")
                .isEqualTo("r");
        assertThat(producer(g, "r").getOpType()).isEqualTo("DequantizeLinear");
        for (String t : List.of("h", "s", "p", "y")) {
            assertThat(g.getNodeList()).as(t + " is never rounded to 256 levels")
                    .noneSatisfy(n -> assertThat(n.getOpType().equals("QuantizeLinear")
                            && n.getInput(0).equals(t)).isTrue());
            assertThat(producer(g, t).getOpType()).isNotEqualTo("DequantizeLinear");
        }
    }

    /**
     * M-LSD's centre head: x[1,3,8,8] → Conv(w) "body" → Relu → r → Conv(wh) "head" → h → Sigmoid → s;
     * MaxPool 3×3 (stride 1, pad 1) → p; Equal(p, s) → Cast → mask; y = Mul(s, mask): s only at its local maxima.
     */
    static Path peakHead(Path dir) throws Exception {
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto.Builder g = GraphProto.newBuilder().setName("peaks")
                .addInput(tensorValue("x", f, 1L, 3L, 8L, 8L))
                .addOutput(tensorValue("y", f, 1L, 1L, 8L, 8L))
                .addInitializer(Protos.floats("w", 21, 8, 3, 3, 3))
                .addInitializer(Protos.floats("wh", 22, 1, 8, 1, 1));
        g.addNode(node("Conv", "body", List.of("x", "w"), List.of("c")).addAttribute(intsAttr("pads", 1, 1, 1, 1)));
        g.addNode(node("Relu", "relu", List.of("c"), List.of("r")));
        g.addNode(node("Conv", "head", List.of("r", "wh"), List.of("h")));
        g.addNode(node("Sigmoid", "sigmoid", List.of("h"), List.of("s")));
        g.addNode(node("MaxPool", "pool", List.of("s"), List.of("p")).addAttribute(intsAttr("kernel_shape", 3, 3))
                .addAttribute(intsAttr("pads", 1, 1, 1, 1)));
        g.addNode(node("Equal", "peak", List.of("p", "s"), List.of("eq")));
        g.addNode(node("Cast", "cast", List.of("eq"), List.of("mask")).addAttribute(intAttr("to", f)));
        g.addNode(node("Mul", "keep", List.of("s", "mask"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("peaks.onnx"));
    }

    /**
     * x[1,3,8,8] → Conv(w) → c → Add(c, 3) → Clip(0, 6) → cl → Mul(c, cl) → m → Div(m, 6) → hs;
     * GlobalAveragePool(hs) → Conv(w3, b3) → Relu → Conv(w4, b4) "se2" → s → HardSigmoid → gate;
     * Mul(hs, gate) → e → MaxPool 2×2 → p → Conv(w5) → y.
     */
    static Path mobileNetV3Block(Path dir) throws Exception {
        return mobileNetV3Block(dir, 6f);
    }

    static Path mobileNetV3Block(Path dir, float divisor) throws Exception {
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto.Builder g = GraphProto.newBuilder().setName("mbv3")
                .addInput(tensorValue("x", f, 1L, 3L, 8L, 8L))
                .addOutput(tensorValue("y", f, 1L, 4L, 4L, 4L))
                .addInitializer(Protos.floats("w", 11, 8, 3, 3, 3))
                .addInitializer(scalarTensor("three", 3f))
                .addInitializer(scalarTensor("zero", 0f))
                .addInitializer(scalarTensor("six", 6f))
                .addInitializer(scalarTensor("divisor", divisor))
                .addInitializer(Protos.floats("w3", 12, 2, 8, 1, 1))
                .addInitializer(Protos.floats("b3", 13, 2))
                .addInitializer(Protos.floats("w4", 14, 8, 2, 1, 1))
                .addInitializer(Protos.floats("b4", 15, 8))
                .addInitializer(Protos.floats("w5", 16, 4, 8, 1, 1));
        g.addNode(node("Conv", "conv", List.of("x", "w"), List.of("c")).addAttribute(intsAttr("pads", 1, 1, 1, 1)));
        g.addNode(node("Add", "add3", List.of("c", "three"), List.of("a")));
        g.addNode(node("Clip", "clip", List.of("a", "zero", "six"), List.of("cl")));
        g.addNode(node("Mul", "mul", List.of("c", "cl"), List.of("m")));
        g.addNode(node("Div", "div", List.of("m", "divisor"), List.of("hs")));
        g.addNode(node("GlobalAveragePool", "gap", List.of("hs"), List.of("gp")));
        g.addNode(node("Conv", "se1", List.of("gp", "w3", "b3"), List.of("s1")));
        g.addNode(node("Relu", "relu", List.of("s1"), List.of("r1")));
        g.addNode(node("Conv", "se2", List.of("r1", "w4", "b4"), List.of("s")));
        g.addNode(node("HardSigmoid", "hsig", List.of("s"), List.of("gate")).addAttribute(floatAttr("alpha", 0.2f))
                .addAttribute(floatAttr("beta", 0.5f)));
        g.addNode(node("Mul", "scale", List.of("hs", "gate"), List.of("e")));
        g.addNode(node("MaxPool", "pool", List.of("e"), List.of("p")).addAttribute(intsAttr("kernel_shape", 2, 2))
                .addAttribute(intsAttr("strides", 2, 2)));
        g.addNode(node("Conv", "out", List.of("p", "w5"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("mbv3_" + divisor + ".onnx"));
    }

    private static TensorProto scalarTensor(String name, float v) {
        return Protos.rawTensor(name, TensorProto.DataType.FLOAT_VALUE, PrecisionModels.floats(v));
    }

    private static NodeProto named(GraphProto g, String name) {
        return g.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static NodeProto producer(GraphProto g, String output) {
        return g.getNodeList().stream().filter(n -> n.getOutputList().contains(output)).findFirst().orElseThrow(
                () -> new AssertionError("nothing writes " + output));
    }

    private static long readers(GraphProto g, String tensor) {
        return g.getNodeList().stream().filter(n -> n.getInputList().contains(tensor)).count();
    }

    private static TensorProto init(GraphProto g, String name) {
        return g.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no initializer " + name));
    }

    private static float scalar(TensorProto t) {
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
    }
}
