package dev.onnxworkbench.models.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.opset.OrtRuns;
import dev.onnxworkbench.models.opset.RealModels;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits on models others exported: Silero VAD made static, the PaddleOCR detector's backbone cut out and run. */
class RealModelEditTest {
    private static final ProviderSettings CPU = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "2");

    @TempDir
    Path dir;

    @Test
    void sileroVadInputsMadeStaticAnswerAsBefore() throws Exception {
        assumeTrue(Files.exists(RealModels.VAD), "Silero VAD not on this machine");
        EditSession session = EditSession.open(RealModels.VAD);
        EditValidator validator = new EditValidator(TestSessions.factory(), CPU);
        // A static 512-sample window is refused: ONNX Runtime infers both If branches, and the 8 kHz one cannot take it.
        session.apply(new Edit.SetDimension("input", 1, "512"));
        EditValidation samples = validator.validate(session, null, "");
        assertThat(samples.valid()).isFalse();
        assertThat(samples.loadError()).contains("If").contains("Squeeze");
        session.undo();
        // The batch made static (input and state together) is what a streaming deployment wants.
        session.apply(new Edit.SetDimension("input", 0, "1"));
        session.apply(new Edit.SetDimension("state", 1, "1"));
        float[] audio = new float[512];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.4 * Math.sin(2 * Math.PI * 220 * i / 16000.0) + 0.2 * Math.sin(2 * Math.PI * 1330 * i / 16000.0));
        }
        Map<String, HostTensor> inputs = Map.of("input", HostTensor.ofFloats(new long[] {1, 512}, audio),
                "state", HostTensor.ofFloats(new long[] {2, 1, 128}, new float[256]),
                "sr", HostTensor.ofLongs(new long[0], 16000));
        EditValidation v = validator.validate(session, inputs, "a 220+1330 Hz tone");
        assertThat(v.verdict()).as(v.message()).isEqualTo(EditValidation.Verdict.IDENTICAL);
        Path saved = session.save(dir.resolve("vad-static.onnx"));
        Model m = new OnnxReader().read(saved);
        assertThat(dims(m.graph().inputs().get(0))).containsExactly(1L, -1L);
        assertThat(dims(m.graph().inputs().get(1))).containsExactly(2L, 1L, 128L);
        assertThat(m.graph().nodes().stream().filter(n -> n.opType().equals("If")).count()).isPositive(); // bodies kept
    }

    private static List<Long> dims(ValueInfo v) {
        return ((ValueType.TensorType) v.type()).shape().dims().stream()
                .map(d -> d instanceof Dimension.Fixed f ? f.value() : -1L).toList();
    }

    private static Node producer(Model m, String tensor) {
        return m.graph().nodes().stream().filter(n -> n.outputs().contains(tensor)).findFirst().orElseThrow();
    }

    @Test
    void detectorBackboneExtractedRunsAndMatchesTheFullModelsTensor() throws Exception {
        assumeTrue(Files.exists(RealModels.DET), "PaddleOCR detector not on this machine");
        Model det = new OnnxReader().read(RealModels.DET);
        // The neck's first Resize upsamples the lateral 1×1 Conv of the backbone's deepest stage: that Conv's
        // input is the backbone's last output (C5).
        Node resize = det.graph().nodes().stream().filter(n -> n.opType().equals("Resize")).findFirst().orElseThrow();
        Node lateral = producer(det, resize.inputs().getFirst());
        for (int hops = 0; !lateral.opType().equals("Conv") && hops < 10; hops++) { // through the neck's SE residual
            lateral = producer(det, lateral.inputs().getFirst());
        }
        assertThat(lateral.opType()).isEqualTo("Conv");
        String c5 = lateral.inputs().getFirst();

        EditSession session = EditSession.open(RealModels.DET);
        session.apply(new Edit.Extract(List.of("x"), List.of(c5)));
        session.apply(new Edit.SetInputShape("x", List.of("1", "3", "320", "320")));
        Path backbone = session.save(dir.resolve("det-backbone.onnx"));
        Model cut = new OnnxReader().read(backbone);
        assertThat(cut.graph().nodes().size()).isLessThan(det.graph().nodes().size());
        assertThat(cut.graph().nodes()).noneMatch(n -> n.opType().equals("Resize"));

        HostTensor page = RealModels.textLine("Detect this line of text", 320, 320);
        HostTensor features = OrtRuns.run(backbone, Map.of("x", page)).get(c5);
        assertThat(features.shape()).hasSize(4);
        assertThat(features.shape()[2]).isEqualTo(10); // stride 32
        EditSession marked = EditSession.open(RealModels.DET);
        marked.apply(new Edit.AddOutput(c5));
        try (var full = marked.writeDraft()) {
            HostTensor expected = OrtRuns.run(full.path(), Map.of("x", page)).get(c5);
            OrtRuns.assertClose(c5, features, expected, 1e-5);
        }
    }
}
