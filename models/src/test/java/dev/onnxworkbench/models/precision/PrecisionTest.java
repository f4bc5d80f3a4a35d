package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FP16 conversion and INT8 quantization of generated models, checked structurally and in ONNX Runtime. */
class PrecisionTest {
    private static final ModelVerifier VERIFIER = new ModelVerifier(SessionFactory.withDefaults(), ProviderSettings.cpu());

    @TempDir
    Path dir;

    @Test
    void staticQdqPlacesPairsFoldsReluQuantizesConstantWeightsPerChannelWithInt32Bias() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        byte[] before = Files.readAllBytes(model);
        SampleSet calibration = PrecisionModels.randomSet(model, 4, 1);
        Path out = dir.resolve("q.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999), calibration, Progress.NONE);

        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(Files.readAllBytes(model)).as("the original is never touched").isEqualTo(before);
        assertThat(r.quantized()).containsEntry("Conv", 2).containsEntry("Add", 1).containsEntry("Relu (folded)", 1);
        assertThat(r.weights()).isEqualTo(2);
        assertThat(r.constantWeights()).as("the Constant node's weight is quantized like an initializer").isEqualTo(1);

        GraphProto g = PrecisionModels.proto(out).getGraph();
        List<String> ops = g.getNodeList().stream().map(NodeProto::getOpType).toList();
        assertThat(ops).doesNotContain("Relu", "Constant");
        NodeProto conv1 = node(g, "conv1");
        assertThat(conv1.getInputList()).as("a graph input keeps its name; readers read x_dq")
                .containsExactly("x_dq", "w_dq", "b_dq");
        assertThat(conv1.getOutput(0)).as("the Relu is folded into the pair: conv1 keeps its own output").isEqualTo("c1");
        assertThat(producer(g, "r_q").getInputList()).as("Q reads conv1's output with r's range")
                .containsExactly("c1", "r_scale", "zp_u8_0");
        assertThat(producer(g, "r").getOpType()).as("the DequantizeLinear keeps the Relu's name").isEqualTo("DequantizeLinear");
        assertThat(node(g, "conv2").getInputList()).containsExactly("r", "w2_dq");
        assertThat(node(g, "add").getInputList()).containsExactly("c2", "r");
        assertThat(producer(g, "c2_q").getInputList().getFirst()).as("conv2 writes c2_float, quantized into c2")
                .isEqualTo("c2_float");
        assertThat(producer(g, "x_q").getInputList().getFirst()).isEqualTo("x");
        assertThat(node(g, "add").getOutput(0)).as("a graph output keeps its name on its DequantizeLinear")
                .isEqualTo("y_float");
        assertThat(producer(g, "y").getOpType()).isEqualTo("DequantizeLinear");
        assertThat(g.getNodeList()).as("every DequantizeLinear output is read or is the graph output")
                .filteredOn(n -> n.getOpType().equals("DequantizeLinear"))
                .allSatisfy(n -> assertThat(readers(g, n.getOutput(0)) > 0 || n.getOutput(0).equals("y")).isTrue());

        // per-channel weight scales: max |w[c]| / 127, axis 0, zero points 0
        TensorProto w = Protos.floats("w", 1, 4, 3, 3, 3);
        float[] wv = floats(w);
        float[] scales = floats(init(g, "w_scale"));
        assertThat(scales).hasSize(4);
        for (int c = 0; c < 4; c++) {
            float max = 0;
            for (int i = 0; i < 27; i++) {
                max = Math.max(max, Math.abs(wv[c * 27 + i]));
            }
            assertThat(scales[c]).isCloseTo(max / 127f, org.assertj.core.data.Offset.offset(1e-7f));
        }
        assertThat(attr(producer(g, "w_dq"), "axis")).hasValue(0L);
        assertThat(init(g, "w_q").getDataType()).isEqualTo(TensorProto.DataType.INT8_VALUE);
        assertThat(producer(g, "w_dq").getInputList()).as("symmetric weights: DequantizeLinear's default zero point")
                .containsExactly("w_q", "w_scale");
        assertThat(g.getInitializerList()).extracting(TensorProto::getName).as("replaced float weights are dropped")
                .doesNotContain("w", "b", "w2");

        // int32 bias, scale = x scale · w scale per channel
        TensorProto bias = init(g, "b_q");
        assertThat(bias.getDataType()).isEqualTo(TensorProto.DataType.INT32_VALUE);
        float xScale = floats(init(g, "x_scale"))[0];
        float[] biasScales = floats(init(g, "b_scale"));
        for (int c = 0; c < 4; c++) {
            assertThat(biasScales[c]).isCloseTo(xScale * scales[c], org.assertj.core.data.Offset.offset(1e-9f));
        }
        int[] bq = ints(bias);
        float[] bv = floats(Protos.floats("b", 2, 4));
        for (int c = 0; c < 4; c++) {
            assertThat(bq[c]).isEqualTo(Math.round(bv[c] / biasScales[c]));
        }

        // and it computes nearly what the float model does, on data it was not calibrated on
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, PrecisionModels.randomSet(model, 3, 99),
                null, Progress.NONE);
        AccuracyReport.OutputAccuracy y = a.outputs().getFirst();
        assertThat(y.meanAbsError()).isLessThan(0.05 * y.referenceAbsMean() + 0.01);
    }

    @Test
    void perTensorWithoutPerChannelAndExcludedNodesStayFloat() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        Path out = dir.resolve("q.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.ENTROPY, false, false, Set.of("conv2", "Add"), 99.999),
                PrecisionModels.randomSet(model, 3, 2), Progress.NONE);
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(init(g, "w_scale").getDimsCount()).as("one scale").isZero();
        assertThat(node(g, "conv2").getInputList()).as("excluded: float weight, yet it reads the quantized r")
                .containsExactly("r", "w2");
        assertThat(r.excludedNodes()).containsExactly("conv2", "add");
        assertThat(r.kept()).anySatisfy(k -> assertThat(k.reason()).contains("--exclude"));
        assertThat(r.check().ok()).isTrue();
    }

    @Test
    void opset9ModelIsConvertedOpByOpThenQuantized() throws Exception {
        Path model = PrecisionModels.opset9(dir);
        Path out = dir.resolve("q9.onnx");
        QuantizationReport r = new StaticQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.PERCENTILE, true, false, Set.of(), 99.99),
                PrecisionModels.randomSet(model, 4, 3), Progress.NONE);
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("opset 9 to 13").contains("Clip 11")
                .contains("Slice 10"));
        ModelProto q = PrecisionModels.proto(out);
        assertThat(q.getOpsetImport(0).getVersion()).isEqualTo(13);
        assertThat(q.getGraph().getNodeList()).extracting(NodeProto::getOpType).doesNotContain("Clip")
                .contains("Slice", "QuantizeLinear", "DequantizeLinear");
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, PrecisionModels.randomSet(model, 2, 7),
                null, Progress.NONE);
        assertThat(a.outputs().getFirst().meanAbsError()).isLessThan(0.05);
    }

    @Test
    void dynamicQuantizationWritesMatMulIntegerWithPerColumnWeights() throws Exception {
        Path model = PrecisionModels.dense(dir);
        Path out = dir.resolve("dyn.onnx");
        SampleSet set = PrecisionModels.randomSet(model, 2, 4);
        QuantizationReport r = new DynamicQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999), set.sample(0));
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.quantized()).containsEntry("MatMul", 1).containsEntry("Gemm", 1);
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(g.getNodeList()).extracting(NodeProto::getOpType)
                .contains("DynamicQuantizeLinear", "MatMulInteger").doesNotContain("Gemm");
        assertThat(init(g, "w_scale").getDims(0)).isEqualTo(8);
        assertThat(init(g, "w2_quantized_t").getDimsList()).as("Gemm's transB weight stored as [K, N]")
                .containsExactly(8L, 4L);
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, set, null, Progress.NONE);
        assertThat(a.outputs().getFirst().maxAbsError()).isLessThan(0.1);
    }

    @Test
    void fp16ConvertsConstantsInIfBodiesAndKeepsIoTypes() throws Exception {
        Path model = PrecisionModels.ifModel(dir);
        SampleSet set = PrecisionModels.randomSet(model, 2, 5);
        Path out = dir.resolve("half.onnx");
        Fp16Report r = new Fp16Converter(VERIFIER).convert(model, out, new Fp16Options(true, Set.of()), set.sample(0));
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.initializers()).isEqualTo(1);
        assertThat(r.constants()).as("the Constants inside both branches").isEqualTo(2);
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(g.getInput(0).getType().getTensorType().getElemType()).as("kept float32").isEqualTo(1);
        assertThat(g.getOutput(0).getType().getTensorType().getElemType()).isEqualTo(1);
        NodeProto branch = node(g, "branch");
        for (AttributeProto a : branch.getAttributeList()) {
            NodeProto constant = a.getG().getNode(0);
            assertThat(constant.getAttribute(0).getT().getDataType()).isEqualTo(TensorProto.DataType.FLOAT16_VALUE);
            assertThat(a.getG().getNode(1).getInputList()).as("the body reads the float16 copy of x").contains("x_fp16");
            assertThat(a.getG().getOutput(0).getType().getTensorType().getElemType()).isEqualTo(10);
        }
        assertThat(init(g, "scale").getDataType()).isEqualTo(TensorProto.DataType.FLOAT16_VALUE);
        assertThat(g.getNode(0).getOpType()).as("the input Cast comes first (topological order)").isEqualTo("Cast");
        // both branches run and agree with float32 to float16's precision
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, set, null, Progress.NONE);
        assertThat(a.outputs().getFirst().maxAbsError()).isLessThan(5e-3);
    }

    @Test
    void fp16KeepsNodesReadingOutOfRangeWeightsInFloat32() throws Exception {
        Path model = PrecisionModels.outOfRange(dir);
        SampleSet set = PrecisionModels.randomSet(model, 1, 6);
        Path out = dir.resolve("half.onnx");
        Fp16Report r = new Fp16Converter(VERIFIER).convert(model, out, Fp16Options.defaults(), set.sample(0));
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.rangeBlocked()).containsExactly("scale_big");
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(init(g, "big").getDataType()).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
        assertThat(init(g, "small").getDataType()).isEqualTo(TensorProto.DataType.FLOAT16_VALUE);
        assertThat(g.getInput(0).getType().getTensorType().getElemType()).isEqualTo(10);
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, set, null, Progress.NONE);
        AccuracyReport.OutputAccuracy y = a.outputs().getFirst();
        assertThat(y.maxAbsError()).isLessThan(0.01 * y.referenceAbsMean() * 3 + 1);
    }

    @Test
    void badInputsGetOneClearMessage() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        Path out = dir.resolve("q.onnx");
        QuantizeOptions options = QuantizeOptions.defaults();
        SampleSet calibration = PrecisionModels.randomSet(model, 2, 1);
        new StaticQuantizer(VERIFIER).quantize(model, out, options, calibration, Progress.NONE);
        assertThatThrownBy(() -> new StaticQuantizer(VERIFIER).quantize(out, dir.resolve("again.onnx"), options,
                PrecisionModels.randomSet(out, 1, 1), Progress.NONE))
                .isInstanceOf(QuantizationException.class).hasMessageContaining("already quantized");
        // a set whose shapes do not fit names the input
        var specs = dev.onnxworkbench.models.runtime.inputs.InputSpecs.derive(PrecisionModels.read(model));
        SampleSet misfit = SampleSet.of(specs, List.of(Map.of("x", HostTensor.ofFloats(new long[] {1, 3, 4, 4},
                new float[48]))), "small.npy");
        assertThatThrownBy(() -> new StaticQuantizer(VERIFIER).quantize(model, dir.resolve("m.onnx"), options,
                misfit, Progress.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'x'").hasMessageContaining("1×3×4×4");
        assertThatThrownBy(() -> new StaticQuantizer(VERIFIER).quantize(model, model, options, calibration,
                Progress.NONE)).hasMessageContaining("is the model itself");
        assertThatThrownBy(() -> new StaticQuantizer(VERIFIER).quantize(model, dir.resolve("no/such/dir/q.onnx"),
                options, calibration, Progress.NONE)).hasMessageContaining("does not exist");
    }

    @Test
    void calibrationFromAnNpyFileUsesItsFirstAxisAsSamples() throws Exception {
        Path model = PrecisionModels.dense(dir);
        float[] values = new float[5 * 2 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i);
        }
        Path npy = dir.resolve("x.npy");
        dev.onnxworkbench.models.tensor.NpyWriter.write(HostTensor.ofFloats(new long[] {5, 2, 16}, values), npy);
        var specs = dev.onnxworkbench.models.runtime.inputs.InputSpecs.derive(PrecisionModels.read(model));
        SampleSet set = SampleSet.fromFiles(specs, Map.of("x", npy));
        assertThat(set.size()).isEqualTo(5);
        assertThat(set.sample(3).get("x").shape()).containsExactly(2, 16);
        assertThat(set.sample(3).get("x").getDouble(0)).isCloseTo(Math.sin(3 * 32), org.assertj.core.data.Offset.offset(1e-6));
    }

    // ---- helpers ----

    private static NodeProto node(GraphProto g, String name) {
        return g.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no node " + name + " in " + names(g)));
    }

    private static NodeProto producer(GraphProto g, String output) {
        return g.getNodeList().stream().filter(n -> n.getOutputList().contains(output)).findFirst().orElseThrow(
                () -> new AssertionError("nothing writes " + output));
    }

    private static long readers(GraphProto g, String tensor) {
        return g.getNodeList().stream().filter(n -> n.getInputList().contains(tensor)).count();
    }

    private static List<String> names(GraphProto g) {
        return g.getNodeList().stream().map(NodeProto::getName).toList();
    }

    private static TensorProto init(GraphProto g, String name) {
        return g.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no initializer " + name));
    }

    private static Optional<Long> attr(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).map(AttributeProto::getI).findFirst();
    }

    private static float[] floats(TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static int[] ints(TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int[] v = new int[b.remaining() / 4];
        b.asIntBuffer().get(v);
        return v;
    }
}
