package dev.onnxworkbench.models.precision;

import static dev.onnxworkbench.models.testing.Protos.graphAttr;
import static dev.onnxworkbench.models.testing.Protos.intAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorAttr;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.AudioPreprocessor;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.Recording;
import dev.onnxworkbench.models.runtime.stream.StreamPlan;
import dev.onnxworkbench.models.runtime.stream.StreamResult;
import dev.onnxworkbench.models.runtime.stream.StreamingRun;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quantize --int8 dynamic} on LSTMs: com.microsoft DynamicQuantizeLSTM laid out as onnxruntime's quantizer
 * writes it (int8 W/R transposed to [D, I, 4H], scales and zero points [D] or [D, 4H]), at the top level and
 * inside If bodies whose weights are PyTorch's Slice/Concat/Unsqueeze chains over outer-scope initializers or
 * Constant nodes; and Silero VAD v5 (LSTMs two bodies deep) streamed over recorded speech.
 */
class DynamicLstmTest {
    private static final ModelVerifier VERIFIER = new ModelVerifier(SessionFactory.withDefaults(), ProviderSettings.cpu());
    private static final int F = TensorProto.DataType.FLOAT_VALUE;
    private static final int H = 16;
    private static final int I = 8;

    @TempDir
    Path dir;

    @Test
    void bidirectionalLstmBecomesDynamicQuantizeLstmPerDirection() throws Exception {
        Path model = bidirectional(dir);
        Path out = dir.resolve("lstm_int8.onnx");
        QuantizationReport r = quantize(model, out, false);

        assertThat(r.quantized()).containsExactlyEntriesOf(Map.of("LSTM", 1));
        assertThat(r.weights()).isEqualTo(2);
        ModelProto q = PrecisionModels.proto(out);
        assertThat(q.getOpsetImportList()).extracting(OperatorSetIdProto::getDomain).contains("com.microsoft");
        GraphProto g = q.getGraph();
        NodeProto lstm = single(g, "DynamicQuantizeLSTM");
        assertThat(lstm.getDomain()).isEqualTo("com.microsoft");
        assertThat(lstm.getInputList()).containsExactly("x", "W_quantized", "R_quantized", "B", "", "", "", "",
                "W_scale", "W_zero_point", "R_scale", "R_zero_point");
        assertThat(lstm.getAttributeList()).extracting(AttributeProto::getName)
                .containsExactlyInAnyOrder("hidden_size", "direction");
        assertThat(lstm.getOutputList()).containsExactly("y", "yh", "yc");
        assertThat(g.getNodeList()).extracting(NodeProto::getOpType).doesNotContain("LSTM");
        assertThat(g.getInitializerList()).extracting(TensorProto::getName).doesNotContain("W", "R");

        TensorProto w = init(g, "W_quantized");
        assertThat(w.getDataType()).isEqualTo(TensorProto.DataType.INT8_VALUE);
        assertThat(w.getDimsList()).as("[D, I, 4H]").containsExactly(2L, (long) I, 4L * H);
        assertThat(init(g, "R_quantized").getDimsList()).as("[D, H, 4H]").containsExactly(2L, (long) H, 4L * H);
        assertThat(init(g, "W_scale").getDimsList()).containsExactly(2L);
        assertThat(init(g, "W_zero_point").getDataType()).isEqualTo(TensorProto.DataType.INT8_VALUE);
        assertThat(init(g, "R_zero_point").getDimsList()).containsExactly(2L);
        assertTransposedInt8(floats(init(PrecisionModels.proto(model).getGraph(), "W")), w,
                floats(init(g, "W_scale")), false);

        assertCloseToFp32(model, out, 0.05);
        assertThatThrownBy(() -> quantize(out, dir.resolve("twice.onnx"), false))
                .isInstanceOf(QuantizationException.class).hasMessageContaining("already quantized")
                .hasMessageContaining("DynamicQuantizeLSTM");
    }

    @Test
    void perChannelGivesEachDirectionAndGateRowItsScale() throws Exception {
        Path model = bidirectional(dir);
        Path out = dir.resolve("lstm_int8_pc.onnx");
        QuantizationReport r = quantize(model, out, true);

        assertThat(r.quantized()).containsEntry("LSTM", 1);
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(init(g, "W_scale").getDimsList()).as("[D, 4H]").containsExactly(2L, 4L * H);
        assertThat(init(g, "R_scale").getDimsList()).containsExactly(2L, 4L * H);
        assertThat(init(g, "R_zero_point").getDimsList()).containsExactly(2L, 4L * H);
        assertTransposedInt8(floats(init(PrecisionModels.proto(model).getGraph(), "R")), init(g, "R_quantized"),
                floats(init(g, "R_scale")), true);

        assertCloseToFp32(model, out, 0.05);
    }

    @Test
    void lstmsInIfBodiesAreQuantizedThroughTheirWeightChains() throws Exception {
        Path model = lstmInIf(dir);
        Path out = dir.resolve("if_lstm_int8.onnx");
        QuantizationReport r = quantize(model, out, false);

        assertThat(r.quantized()).containsExactlyEntriesOf(Map.of("LSTM", 2));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("2 of the quantized nodes are inside"));
        assertThat(r.kept()).noneMatch(k -> k.opType().equals("LSTM"));
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(g.getInitializerList()).extracting(TensorProto::getName)
                .as("w_ih is still read by ReduceSum; w_hh only fed the replaced LSTM").contains("w_ih")
                .doesNotContain("w_hh");
        NodeProto branch = g.getNodeList().stream().filter(n -> n.getOpType().equals("If")).findFirst().orElseThrow();
        for (AttributeProto a : branch.getAttributeList()) {
            GraphProto body = a.getG();
            NodeProto lstm = single(body, "DynamicQuantizeLSTM");
            assertThat(body.getNodeList()).extracting(NodeProto::getOpType)
                    .as(a.getName() + ": the float weight chain is gone").doesNotContain("LSTM", "Slice", "Concat");
            TensorProto w = init(body, lstm.getInput(1));
            assertThat(w.getDataType()).isEqualTo(TensorProto.DataType.INT8_VALUE);
            assertThat(w.getDimsList()).containsExactly(1L, (long) I, 4L * H);
            assertThat(init(body, lstm.getInput(8)).getDimsList()).containsExactly(1L);
        }
        assertThatThrownBy(() -> quantize(out, dir.resolve("twice.onnx"), false)).as("its int8 LSTMs sit in bodies")
                .isInstanceOf(QuantizationException.class).hasMessageContaining("already quantized");
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out,
                PrecisionModels.randomSet(model, 6, 11), null, Progress.NONE);
        assertThat(a.outputs().get(0).maxAbsError()).as("z, both branches (cond alternates)").isGreaterThan(0)
                .isLessThan(0.05);
        assertThat(a.outputs().get(1).maxAbsError()).as("w_sum reads the float w_ih, untouched").isZero();
    }

    @Test
    void matMulInALoopBodyReadsItsWeightFromTheOuterScope() throws Exception {
        Path model = matMulInLoop(dir);
        Path out = dir.resolve("loop_int8.onnx");
        QuantizationReport r = quantize(model, out, true);

        assertThat(r.quantized()).containsExactlyEntriesOf(Map.of("MatMul", 1));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 of the quantized nodes are inside"));
        GraphProto g = PrecisionModels.proto(out).getGraph();
        assertThat(g.getInitializerList()).extracting(TensorProto::getName).doesNotContain("w");
        GraphProto body = g.getNode(0).getAttribute(0).getG();
        assertThat(body.getNodeList()).extracting(NodeProto::getOpType)
                .contains("DynamicQuantizeLinear", "MatMulInteger").doesNotContain("MatMul");
        assertThat(init(body, "w_quantized").getDimsList()).containsExactly(16L, 16L);
        assertThat(init(body, "w_scale").getDimsList()).as("per output column").containsExactly(16L);
        assertCloseToFp32(model, out, 0.05);
    }

    @Test
    void sileroVadV5KeepsItsSpeechDecisionsOnRecordedSpeech() throws Exception {
        Path vad = dev.onnxworkbench.models.opset.RealModels.VAD;
        assumeTrue(Files.isRegularFile(vad), "real model not on this machine: " + vad);
        Path out = dir.resolve("vad_int8.onnx");
        var specs = InputSpecs.derive(PrecisionModels.read(vad));
        Map<String, HostTensor> sample = Map.of("input", HostTensor.ofFloats(new long[] {1, 512}, new float[512]),
                "state", HostTensor.ofFloats(new long[] {2, 1, 128}, new float[256]),
                "sr", HostTensor.ofLongs(new long[0], 16000));
        QuantizationReport r = new DynamicQuantizer(VERIFIER).quantize(vad, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, false, false, Set.of(), 99.999), sample);

        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        assertThat(r.quantized()).as("16 kHz and 8 kHz branches, two LSTMs each").containsExactlyEntriesOf(
                Map.of("LSTM", 4));
        assertThat(r.bytesAfter()).isLessThan(r.bytesBefore() * 8 / 10);

        AudioPreprocessor.Signal signal = AudioPreprocessor.signal(Recording.read(Path.of(getClass()
                .getResource("/audio/speech-between-silences.wav").toURI())), "speech.wav", AudioSettings.DEFAULT, 16000);
        double[] fp32 = stream(vad, specs, signal);
        double[] int8 = stream(out, specs, signal);
        assertThat(int8).hasSameSizeAs(fp32);
        int flips = 0;
        int speech = 0;
        double maxError = 0;
        for (int i = 0; i < fp32.length; i++) {
            flips += (fp32[i] > 0.5) != (int8[i] > 0.5) ? 1 : 0;
            speech += fp32[i] > 0.5 ? 1 : 0;
            maxError = Math.max(maxError, Math.abs(fp32[i] - int8[i]));
        }
        assertThat(speech).as("the FP32 model hears the sentence").isGreaterThan(fp32.length / 4);
        assertThat(flips).as("windows whose speech decision (> 0.5) changed, of %d", fp32.length)
                .isLessThanOrEqualTo(fp32.length / 50);
        assertThat(maxError).isLessThan(0.2);
    }

    /** Each window's probability, the state carried from window to window as an application does. */
    private static double[] stream(Path model, List<InputSpec> specs, AudioPreprocessor.Signal signal)
            throws Exception {
        InputSpec input = specs.stream().filter(s -> s.name().equals("input")).findFirst().orElseThrow();
        HostTensor whole = AudioPreprocessor.whole(signal, input, Map.of());
        StreamPlan plan = StreamPlan.parse("input=512", List.of("stateN=state"));
        InputSet first = InputSet.builder(specs)
                .source("input", new InputSource.Values(StreamingRun.slice(whole, 0, 512), signal.description()))
                .source("state", new InputSource.Values(StreamingRun.zeros(ElementType.FLOAT, new long[] {2, 1, 128}),
                        "zeros"))
                .source("sr", new InputSource.Typed("16000")).build();
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            StreamResult result = StreamingRun.run(session::run, first.values(), whole, plan, signal.sampleRate(), 4,
                    null);
            return result.rows().stream().mapToDouble(row -> row.first("output")).toArray();
        }
    }

    private static QuantizationReport quantize(Path model, Path out, boolean perChannel) throws Exception {
        SampleSet set = PrecisionModels.randomSet(model, 1, 3);
        QuantizationReport r = new DynamicQuantizer(VERIFIER).quantize(model, out,
                new QuantizeOptions(CalibrationMethod.MINMAX, perChannel, false, Set.of(), 99.999), set.sample(0));
        assertThat(r.check().ok()).as(r.check().message()).isTrue();
        return r;
    }

    /** Every output of the INT8 copy within {@code tolerance} of FP32 on random sequences. */
    private static void assertCloseToFp32(Path model, Path out, double tolerance) throws Exception {
        AccuracyReport a = new AccuracyEvaluator(VERIFIER).evaluate(model, out, PrecisionModels.randomSet(model, 6, 11),
                null, Progress.NONE);
        assertThat(a.outputs()).isNotEmpty().allSatisfy(o ->
                assertThat(o.maxAbsError()).as(o.name()).isGreaterThan(0).isLessThan(tolerance));
    }

    /** q[d, i, g] = round(w[d, g, i] / scale), scale per direction (or per direction and gate row). */
    private static void assertTransposedInt8(float[] w, TensorProto q, float[] scales, boolean perChannel) {
        int d = (int) q.getDims(0);
        int in = (int) q.getDims(1);
        int gates = (int) q.getDims(2);
        byte[] values = q.getRawData().toByteArray();
        assertThat(values).hasSize(w.length);
        for (int dir = 0; dir < d; dir++) {
            float absMax = 0;
            for (int i = 0; i < gates * in; i++) {
                absMax = Math.max(absMax, Math.abs(w[dir * gates * in + i]));
            }
            if (!perChannel) {
                assertThat(scales[dir]).isEqualTo(absMax / 127f);
            }
            for (int g = 0; g < gates; g++) {
                float scale = perChannel ? scales[dir * gates + g] : scales[dir];
                for (int i = 0; i < in; i++) {
                    int expected = Math.round(w[(dir * gates + g) * in + i] / scale);
                    assertThat((int) values[(dir * in + i) * gates + g]).as("d%d i%d g%d", dir, i, g)
                            .isEqualTo(Math.max(-127, Math.min(127, expected)));
                }
            }
        }
    }

    /** x [5, 1, 8] → bidirectional LSTM (W [2, 64, 8], R [2, 64, 16], B [2, 128] initializers) → y, yh, yc. */
    static Path bidirectional(Path dir) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("lstm")
                .addInput(tensorValue("x", F, 5L, 1L, (long) I))
                .addInitializer(scaled(Protos.floats("W", 21, 2, 4 * H, I), 0.5f))
                .addInitializer(scaled(Protos.floats("R", 22, 2, 4 * H, H), 0.3f))
                .addInitializer(scaled(Protos.floats("B", 23, 2, 8 * H), 0.2f))
                .addOutput(tensorValue("y", F)).addOutput(tensorValue("yh", F)).addOutput(tensorValue("yc", F));
        g.addNode(node("LSTM", "lstm", List.of("x", "W", "R", "B"), List.of("y", "yh", "yc"))
                .addAttribute(intAttr("hidden_size", H)).addAttribute(AttributeProto.newBuilder().setName("direction")
                        .setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("bidirectional"))));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("lstm.onnx"));
    }

    /**
     * x [5, 1, 8] and cond → If: the then body builds W as PyTorch does (Slice the outer w_ih [64, 8] in gate
     * blocks, Concat them reordered, Unsqueeze a direction axis) and R = Unsqueeze(w_hh); the else body holds
     * its W and R in Constant nodes. A top-level ReduceSum also reads w_ih, so that float weight must stay.
     */
    static Path lstmInIf(Path dir) throws Exception {
        GraphProto.Builder then = GraphProto.newBuilder().setName("then");
        String[] blocks = {"0:16", "48:64", "16:48"};
        for (int b = 0; b < blocks.length; b++) {
            String[] se = blocks[b].split(":");
            then.addNode(constant("s" + b, Protos.int64s("", new long[] {Long.parseLong(se[0])}, 1)));
            then.addNode(constant("e" + b, Protos.int64s("", new long[] {Long.parseLong(se[1])}, 1)));
            then.addNode(node("Slice", "slice" + b, List.of("w_ih", "s" + b, "e" + b, "axis0"), List.of("part" + b)));
        }
        then.addNode(0, constant("axis0", Protos.int64s("", new long[] {0}, 1)));
        then.addNode(node("Concat", "concat", List.of("part0", "part1", "part2"), List.of("w_cat"))
                .addAttribute(intAttr("axis", 0)));
        then.addNode(node("Unsqueeze", "w_unsqueeze", List.of("w_cat", "axis0"), List.of("W_then")));
        then.addNode(node("Unsqueeze", "r_unsqueeze", List.of("w_hh", "axis0"), List.of("R_then")));
        then.addNode(node("LSTM", "lstm_then", List.of("x", "W_then", "R_then"), List.of("t_y"))
                .addAttribute(intAttr("hidden_size", H)));
        then.addOutput(tensorValue("t_y", F));
        GraphProto.Builder otherwise = GraphProto.newBuilder().setName("else")
                .addNode(constant("W_else", scaled(Protos.floats("", 31, 1, 4 * H, I), 0.5f)))
                .addNode(constant("R_else", scaled(Protos.floats("", 32, 1, 4 * H, H), 0.3f)))
                .addNode(node("LSTM", "lstm_else", List.of("x", "W_else", "R_else"), List.of("e_y"))
                        .addAttribute(intAttr("hidden_size", H)))
                .addOutput(tensorValue("e_y", F));
        GraphProto.Builder g = GraphProto.newBuilder().setName("branchy_lstm")
                .addInput(tensorValue("x", F, 5L, 1L, (long) I))
                .addInput(tensorValue("cond", TensorProto.DataType.BOOL_VALUE))
                .addInitializer(scaled(Protos.floats("w_ih", 41, 4 * H, I), 0.5f))
                .addInitializer(scaled(Protos.floats("w_hh", 42, 4 * H, H), 0.3f))
                .addOutput(tensorValue("z", F)).addOutput(tensorValue("w_sum", F));
        g.addNode(node("If", "branch", List.of("cond"), List.of("z"))
                .addAttribute(graphAttr("then_branch", then.build()))
                .addAttribute(graphAttr("else_branch", otherwise.build())));
        g.addNode(node("ReduceSum", "w_sum", List.of("w_ih"), List.of("w_sum")).addAttribute(intAttr("keepdims", 0)));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("if_lstm.onnx"));
    }

    /** x [2, 16] → Loop ×3 (h = Tanh(h · w), w [16, 16] a top-level initializer read by the body) → y. */
    static Path matMulInLoop(Path dir) throws Exception {
        GraphProto body = GraphProto.newBuilder().setName("step")
                .addInput(tensorValue("i", TensorProto.DataType.INT64_VALUE))
                .addInput(tensorValue("cond_in", TensorProto.DataType.BOOL_VALUE))
                .addInput(tensorValue("h_in", F, 2L, 16L))
                .addNode(node("Identity", "keep_going", List.of("cond_in"), List.of("cond_out")))
                .addNode(node("MatMul", "step_matmul", List.of("h_in", "w"), List.of("hw")))
                .addNode(node("Tanh", "step_tanh", List.of("hw"), List.of("h_out")))
                .addOutput(tensorValue("cond_out", TensorProto.DataType.BOOL_VALUE))
                .addOutput(tensorValue("h_out", F, 2L, 16L)).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("looped")
                .addInput(tensorValue("x", F, 2L, 16L))
                .addInitializer(Protos.int64s("trips", new long[] {3}))
                .addInitializer(scaled(Protos.floats("w", 51, 16, 16), 0.4f))
                .addOutput(tensorValue("y", F, 2L, 16L));
        g.addNode(node("Loop", "loop", List.of("trips", "", "x"), List.of("y")).addAttribute(graphAttr("body", body)));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("loop.onnx"));
    }

    private static NodeProto.Builder constant(String output, TensorProto value) {
        return node("Constant", output + "_const", List.of(), List.of(output)).addAttribute(tensorAttr("value", value));
    }

    private static TensorProto scaled(TensorProto t, float factor) {
        float[] v = floats(t);
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f * factor);
        }
        return t.toBuilder().setRawData(ByteString.copyFrom(b.array())).build();
    }

    private static float[] floats(TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static NodeProto single(GraphProto g, String op) {
        List<NodeProto> found = g.getNodeList().stream().filter(n -> n.getOpType().equals(op)).toList();
        assertThat(found).as(op + " nodes in " + g.getName()).hasSize(1);
        return found.getFirst();
    }

    private static TensorProto init(GraphProto g, String name) {
        return g.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no initializer " + name + " in " + g.getName()));
    }
}
