package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.opset.RealModels;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PaddleOCR's text-orientation classifier (MobileNetV3, opset 9, from the gutenye npm package) quantized to INT8
 * QDQ: no float island left (HardSigmoid folded, hardswish's Div a rescale), nothing unread, the file well under
 * half the FP32 size, and the same orientation as FP32 on rendered text lines it was not calibrated on.
 */
class RealModelQuantizeTest {
    private static final ModelVerifier VERIFIER = new ModelVerifier(SessionFactory.withDefaults(), ProviderSettings.cpu());
    private static final String[] WORDS = {"invoice 2026", "total amount", "Workbench", "receipt 418", "street city",
        "price label", "order 77", "account", "batch size", "runtime onnx", "paper model", "graph 5"};

    @TempDir
    Path dir;

    /** M-LSD (keijiro's npm package): line centres are Equal(MaxPool(sigmoid), sigmoid) inside the graph. */
    private static final Path MLSD = Path.of("/work/realmodels/precreal/jp.keijiro.mlsd-1.0.0/package/ONNX/"
            + "mlsd_320x320_large.onnx");

    @Test
    void mlsdCentreHeatmapStaysFloatBecauseItsPeaksAreFoundByEqual() throws Exception {
        assumeTrue(Files.exists(MLSD), "real model not on this machine: " + MLSD);
        Path out = dir.resolve("mlsd_int8.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(MLSD, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999),
                PrecisionModels.randomSet(MLSD, 2, 5), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.kept()).filteredOn(k -> k.reason().contains("compared (Equal)"))
                .extracting(QuantizationReport.Kept::opType).contains("Sigmoid", "Conv");
        assertThat(r.kept()).filteredOn(k -> k.opType().equals("Conv")).extracting(QuantizationReport.Kept::count)
                .as("only the centre head's Conv").containsExactly(1);
        assertThat(r.quantized().get("Conv")).as("the rest stays int8").isGreaterThan(50);
        assertThat((double) r.bytesAfter() / r.bytesBefore()).as("INT8 size / FP32 size").isLessThan(0.35);
        GraphProto g = PrecisionModels.proto(out).getGraph();
        NodeProto sigmoid = g.getNodeList().stream().filter(n -> n.getOpType().equals("Sigmoid")).findFirst()
                .orElseThrow();
        assertThat(g.getNodeList()).as("nothing rounds the centre heatmap to 256 levels")
                .noneSatisfy(n -> assertThat(n.getOpType().equals("QuantizeLinear")
                        && n.getInput(0).equals(sigmoid.getOutput(0))).isTrue());
    }

    @Test
    void paddleOcrClassifierQuantizesWithoutFloatIslandsAndKeepsItsAnswers() throws Exception {
        assumeTrue(Files.exists(RealModels.CLS), "real model not on this machine: " + RealModels.CLS);
        var specs = InputSpecs.derive(PrecisionModels.read(RealModels.CLS));
        SampleSet calibration = SampleSet.of(specs, lines(0, 6), "rendered lines");
        List<Integer> labels = new ArrayList<>();
        List<Map<String, HostTensor>> eval = lines(6, 12);
        for (int i = 0; i < eval.size(); i++) {
            labels.add(i % 2); // odd lines are upside down: class 1 (180°)
        }
        Path out = dir.resolve("cls_int8.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(RealModels.CLS, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999), calibration, Progress.NONE);

        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.kept()).as("no float operator left between DQ and Q except MaxPool and Softmax")
                .noneSatisfy(k -> assertThat(k.opType()).isIn("HardSigmoid", "Div", "Mul", "Add", "Conv"));
        assertThat(r.quantized()).containsEntry("Mul (by a constant, folded into the scale)", 18);
        // 240 KB (41 %) with a zero point and a scale per tensor and zero-point arrays for weights; 226 KB (39 %)
        // with them shared by value or left out
        assertThat((double) r.bytesAfter() / r.bytesBefore()).as("INT8 size / FP32 size").isLessThan(0.40);

        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(g.getNodeList()).extracting(NodeProto::getOpType).doesNotContain("HardSigmoid", "Div");
        assertThat(g.getNodeList()).filteredOn(n -> n.getOpType().equals("DequantizeLinear"))
                .allSatisfy(n -> assertThat(g.getNodeList().stream().anyMatch(m -> m.getInputList()
                        .contains(n.getOutput(0))) || g.getOutput(0).getName().equals(n.getOutput(0)))
                        .as(n.getOutput(0) + " is read").isTrue());

        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(RealModels.CLS, out,
                SampleSet.of(specs, eval, "held-out lines"), new TaskLabels(labels, null), Progress.NONE);
        assertThat(a.outputs().getFirst().top1Agreement()).isEqualTo(1.0);
        assertThat(a.labels().original()).as("the FP32 model reads the rendered lines right").isGreaterThan(0.8);
        assertThat(a.labels().delta()).isGreaterThanOrEqualTo(0.0);
    }

    /** Text lines {@code from}..{@code to}−1, the odd ones turned 180° (both spatial axes reversed). */
    private static List<Map<String, HostTensor>> lines(int from, int to) throws Exception {
        List<Map<String, HostTensor>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            HostTensor t = RealModels.textLine(WORDS[i], 48, 192);
            if (i % 2 == 1) {
                float[] v = new float[3 * 48 * 192];
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 48; y++) {
                        for (int x = 0; x < 192; x++) {
                            v[(c * 48 + 47 - y) * 192 + 191 - x] = (float) t.getDouble((c * 48 + y) * 192 + x);
                        }
                    }
                }
                t = HostTensor.ofFloats(new long[] {1, 3, 48, 192}, v);
            }
            out.add(Map.of("x", t));
        }
        return out;
    }
}
