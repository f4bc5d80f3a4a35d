package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the written QDQ model spends its bytes on: one zero-point initializer per value, one scale initializer per
 * distinct scalar scale, no zero-point arrays for symmetric weights, and still every DQ→op→Q fused by ONNX Runtime
 * into its int8 kernels (read back from the model ONNX Runtime saves after its rewrites).
 */
class QdqSizeTest {
    private static final SessionFactory SESSIONS = SessionFactory.withDefaults();
    private static final ModelVerifier VERIFIER = new ModelVerifier(SESSIONS, ProviderSettings.cpu());

    @TempDir
    Path dir;

    @Test
    void zeroPointsAndScalesAreSharedByValueAndWeightsHaveNoZeroPointArray() throws Exception {
        Path model = QdqPlacementTest.mobileNetV3Block(dir);
        Path out = dir.resolve("q.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999),
                PrecisionModels.randomSet(model, 6, 1), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();

        GraphProto g = PrecisionModels.proto(out).getGraph();
        Map<String, TensorProto> inits = g.getInitializerList().stream()
                .collect(Collectors.toMap(TensorProto::getName, Function.identity()));
        List<NodeProto> qdq = g.getNodeList().stream()
                .filter(n -> n.getOpType().equals("QuantizeLinear") || n.getOpType().equals("DequantizeLinear")).toList();

        Set<String> zeroPoints = qdq.stream().filter(n -> n.getInputCount() == 3).map(n -> n.getInput(2))
                .collect(Collectors.toSet());
        assertThat(zeroPoints).as("zero points are named by type and value").allMatch(z -> z.matches("zp_(u8|i8)_\\d+"));
        Set<String> values = new HashSet<>();
        for (String z : zeroPoints) {
            TensorProto t = inits.get(z);
            assertThat(t.getDimsCount()).isZero();
            assertThat(values.add(t.getDataType() + ":" + (t.getRawData().byteAt(0) & 0xff)))
                    .as(z + " is the only initializer with its value").isTrue();
        }
        assertThat(qdq.stream().filter(n -> n.getInputCount() == 3 && n.getInput(2).equals("zp_u8_0")).count())
                .as("the Q and DQ of the Relu, the gate and every other tensor >= 0 read one zero point 0")
                .isGreaterThanOrEqualTo(4);
        long activations = qdq.stream().filter(n -> n.getOpType().equals("QuantizeLinear")).count();
        assertThat(zeroPoints).as("fewer zero points than quantized activations (%d)", activations)
                .hasSizeLessThan((int) activations);

        Set<Integer> scales = new HashSet<>();
        qdq.stream().map(n -> inits.get(n.getInput(1))).filter(t -> t != null && t.getDimsCount() == 0).distinct()
                .forEach(t -> assertThat(scales.add(t.getRawData().asReadOnlyByteBuffer()
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())).as(t.getName() + " is a distinct scale")
                        .isTrue());

        List<NodeProto> weightDq = qdq.stream().filter(n -> n.getOpType().equals("DequantizeLinear")
                && inits.containsKey(n.getInput(0)) && inits.get(n.getInput(0)).getDataType() == TensorProto.DataType.INT8_VALUE)
                .toList();
        assertThat(weightDq).as("the four Conv weights").hasSize(4)
                .allSatisfy(n -> assertThat(n.getInputCount()).as(n.getOutput(0) + ": symmetric, default zero point 0")
                        .isEqualTo(2));
        assertThat(inits.values()).as("no zero-point arrays").noneMatch(t -> t.getDataType()
                == TensorProto.DataType.INT8_VALUE && t.getName().startsWith("zero_point"));

        // ONNX Runtime still fuses every Conv, the hardswish Mul, the gate Mul, the Add and the pooling into int8
        Map<String, Long> fused = optimizedOps(out);
        assertThat(fused).containsEntry("QLinearConv", 4L).containsEntry("QLinearMul", 2L)
                .containsEntry("QLinearAdd", 1L).containsEntry("QLinearGlobalAveragePool", 1L);
        assertThat(fused).doesNotContainKeys("Conv", "Mul", "Add", "GlobalAveragePool");
    }

    @Test
    void aConvKeptInFloatBetweenDequantizeAndQuantizeIsNamedBecauseOnnxRuntimeQuantizesItAnyway() throws Exception {
        Path model = QdqPlacementTest.mobileNetV3Block(dir);
        // se2 alone: it reads r1's DequantizeLinear and its Clip (the folded HardSigmoid) goes into a QuantizeLinear
        Path out = dir.resolve("se2.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of("se2"), 99.999),
                PrecisionModels.randomSet(model, 4, 3), Progress.NONE);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("quantizes their weights itself").contains("se2"));
        assertThat(optimizedOps(out)).as("what the note warns of: ONNX Runtime made se2 a QLinearConv too")
                .containsEntry("QLinearConv", 4L).doesNotContainKey("Conv");

        // the remedy the note gives: exclude what reads se2's output past the Clip (the gate Mul) as well
        Path floatSe2 = dir.resolve("se2-float.onnx");
        QuantizationReport f = new StaticQuantizer(VERIFIER).quantize(model, floatSe2,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of("se2", "hsig", "scale"), 99.999),
                PrecisionModels.randomSet(model, 4, 3), Progress.NONE);
        assertThat(f.notes()).noneSatisfy(n -> assertThat(n).contains("quantizes their weights itself"));
        Map<String, Long> ops = optimizedOps(floatSe2);
        assertThat(ops).as("se2 really runs in float").containsEntry("QLinearConv", 3L);
        assertThat(ops.getOrDefault("Conv", 0L) + ops.getOrDefault("FusedConv", 0L))
                .as("se2 as a float Conv (FusedConv: with its Clip)").isEqualTo(1L);
    }

    /** Operator counts of the graph ONNX Runtime builds from {@code model} (level extended: no NCHWc layout). */
    private Map<String, Long> optimizedOps(Path model) throws Exception {
        Path saved = dir.resolve("ort-optimized.onnx");
        String target = saved.toAbsolutePath().toString();
        try (ModelSession ignored = SESSIONS.open(model,
                ProviderSettings.cpu().with(ProviderOption.GRAPH_OPTIMIZATION, "extended"),
                options -> options.setOptimizedModelFilePath(target))) {
            // ONNX Runtime writes the file while it creates the session
        }
        ModelProto m = PrecisionModels.proto(saved);
        return m.getGraph().getNodeList().stream().collect(Collectors.groupingBy(NodeProto::getOpType,
                Collectors.counting()));
    }
}
