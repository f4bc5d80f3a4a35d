package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.models.graph.Model;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
    @TempDir
    Path dir;

    /** A WAV file written byte by byte: {@code format} 1 (PCM) or 3 (float), interleaved frames. */
    static Path wav(Path file, int format, int bits, int channels, int rate, double[][] frames) throws Exception {
        int bytesPer = bits / 8;
        int data = frames.length * channels * bytesPer;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + data).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bytesPer).putShort((short) (channels * bytesPer)).putShort((short) bits);
        b.putInt(0x61746164).putInt(data);
        for (double[] frame : frames) {
            for (double v : frame) {
                if (format == 3) {
                    b.putFloat((float) v);
                } else if (bits == 16) {
                    b.putShort((short) Math.round(v * 32767));
                } else if (bits == 24) {
                    int s = (int) Math.round(v * 8388607);
                    b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                } else {
                    b.put((byte) (Math.round(v * 127) + 128));
                }
            }
        }
        Files.write(file, b.array());
        return file;
    }

    /** A sine of {@code hz} at {@code rate} for {@code seconds}, amplitude 0.5, on every channel. */
    static double[][] sine(double hz, int rate, double seconds, int channels) {
        double[][] frames = new double[(int) (rate * seconds)][channels];
        for (int i = 0; i < frames.length; i++) {
            for (int c = 0; c < channels; c++) {
                frames[i][c] = 0.5 * Math.sin(2 * Math.PI * hz * i / rate);
            }
        }
        return frames;
    }

    @Test
    void readsPcmAndFloatFormatsIntoTheSameSamples() throws Exception {
        double[][] frames = {{0.5, -0.25}, {-1, 0.75}};
        for (int[] f : new int[][] {{1, 16}, {1, 24}, {3, 32}, {1, 8}}) {
            Recording r = Recording.read(wav(dir.resolve("f" + f[0] + "-" + f[1] + ".wav"), f[0], f[1], 2, 8000, frames));
            assertThat(r.sampleRate()).isEqualTo(8000);
            assertThat(r.channels()).hasNumberOfRows(2);
            double tolerance = f[1] == 8 ? 0.02 : 1e-4;
            assertThat((double) r.channels()[0][0]).isCloseTo(0.5, within(tolerance));
            assertThat((double) r.channels()[1][1]).isCloseTo(0.75, within(tolerance));
            assertThat((double) r.channels()[0][1]).isCloseTo(-1, within(tolerance));
        }
    }

    @Test
    void mixesChannelsOrPicksOne() throws Exception {
        Recording r = Recording.read(wav(dir.resolve("s.wav"), 3, 32, 2, 100, new double[][] {{0.5, -0.25}, {1, 0}}));
        assertThat(AudioPreprocessor.signal(r, "s.wav", AudioSettings.DEFAULT, null).samples())
                .containsExactly(0.125f, 0.5f);
        assertThat(AudioPreprocessor.signal(r, "s.wav", new AudioSettings(null, 1, 0, null), null).samples())
                .containsExactly(-0.25f, 0f);
        assertThatThrownBy(() -> AudioPreprocessor.signal(r, "s.wav", new AudioSettings(null, 2, 0, null), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("s.wav has 2 channels");
    }

    @Test
    void resamplingKeepsATonesFrequencyAndLevel() throws Exception {
        Recording r = Recording.read(wav(dir.resolve("tone.wav"), 1, 16, 1, 44100, sine(440, 44100, 1, 1)));
        AudioPreprocessor.Signal s = AudioPreprocessor.signal(r, "tone.wav", new AudioSettings(16000, null, 0, null), null);
        assertThat(s.sampleRate()).isEqualTo(16000);
        assertThat(s.samples()).hasSize(16000);
        // away from the edges, each sample is the 440 Hz sine at its own time
        double worst = 0;
        for (int i = 200; i < 15800; i++) {
            worst = Math.max(worst, Math.abs(s.samples()[i] - 0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0)));
        }
        assertThat(worst).isLessThan(0.005);
        assertThat(s.description()).contains("resampled to 16000 Hz");
    }

    @Test
    void anInputShorterThanTheRecordingSaysWhatIsCut() throws Exception {
        Model model = MediaModels.read(MediaModels.accumulator(dir));
        InputSpec signal = MediaModels.spec(model, "signal");
        Path file = wav(dir.resolve("long.wav"), 1, 16, 1, 16000, sine(200, 16000, 2, 1));

        AudioPreprocessor.Prepared whole = MediaInputs.audio(file, signal, AudioSettings.DEFAULT, null, Map.of());
        assertThat(whole.tensor().shape()).containsExactly(1, 32000);
        assertThat(whole.cut()).isNull();

        AudioPreprocessor.Prepared cut = MediaInputs.audio(file, signal, AudioSettings.DEFAULT, null, Map.of("T", 512L));
        assertThat(cut.tensor().shape()).containsExactly(1, 512);
        assertThat(cut.description()).contains("cut to its first 512 samples (0.032 of 2.000 s)");
        assertThat(cut.cut()).contains("--window signal=512");

        AudioPreprocessor.Prepared part = MediaInputs.audio(file, signal, new AudioSettings(null, null, 0.5, 0.25), null,
                Map.of());
        assertThat(part.tensor().shape()).containsExactly(1, 4000);
        assertThat(part.description()).contains("0.500–0.750 s");
    }

    @Test
    void notAWavFileIsNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("speech.wav"), "not audio");
        assertThatThrownBy(() -> Recording.read(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("speech.wav is not a WAV file");
    }
}
