package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSetFileTest {
    @TempDir
    Path dir;

    @Test
    void aPictureWithItsSettingsReplaysToTheSameBytes() throws Exception {
        Model model = MediaModels.read(MediaModels.detector(dir));
        InputSpec x = MediaModels.spec(model, "x");
        BufferedImage image = new BufferedImage(70, 45, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 70 * 45; i++) {
            image.setRGB(i % 70, i / 70, i * 2654435761L > 0 ? (int) (i * 2654435761L) & 0xFFFFFF : 0x123456);
        }
        Path photo = dir.resolve("photo.png");
        ImageIO.write(image, "png", photo.toFile());
        ImageSettings settings = ImageSettings.defaults(x).withBgr(true).withScaling(PixelScaling.custom(
                new float[] {120, 110, 100}, new float[] {60, 55, 50})).withResize(ResizeMode.CENTER_CROP);
        InputSet set = InputSet.builder(model)
                .source("x", MediaInputs.image(photo, x, settings, Map.of(), ModelStride.of(model.graph(), "x"))).build();

        Path json = dir.resolve("set.json");
        InputSetFile.write(json, set, model.path());
        String text = Files.readString(json);
        assertThat(text).contains("\"kind\" : \"image\"", "\"path\" : \"photo.png\"", "\"imageSize\" : \"64x32\"",
                "\"channels\" : \"bgr\"", "\"scaling\" : \"custom\"", "\"resize\" : \"crop\"");

        InputSetFile.Saved saved = InputSetFile.read(json, model);
        InputSet replayed = InputSet.builder(model).dims(saved.sizes()).source("x", saved.sources().get("x")).build();
        assertThat(bytes(replayed.values().get("x"))).isEqualTo(bytes(set.values().get("x")));
        assertThat(replayed.describe().getFirst().source())
                .isEqualTo("from photo.png, 70×45 → 64×32 (size set), crop, nchw, bgr, mean 120/110/100 std 60/55/50");
    }

    @Test
    void recordingsTypedRandomAndEditorValuesReplay() throws Exception {
        Model model = MediaModels.read(MediaModels.accumulator(dir));
        InputSpec signal = MediaModels.spec(model, "signal");
        Path wav = RecordingTest.wav(dir.resolve("tone.wav"), 1, 16, 2, 22050, RecordingTest.sine(300, 22050, 0.5, 2));
        InputSet set = InputSet.builder(model)
                .source("signal", MediaInputs.source(wav, MediaInputs.audio(wav, signal,
                        new AudioSettings(16000, 1, 0.1, 0.2), null, Map.of())))
                .source("state", new InputSource.Values(HostTensor.ofFloats(new long[] {1}, 2.5f), "typed in the form"))
                .source("sr", new InputSource.Typed("16000"))
                .build();
        Path json = dir.resolve("audio-set.json");
        InputSetFile.write(json, set, model.path());
        assertThat(Files.readString(json)).contains("\"kind\" : \"audio\"", "\"sampleRate\" : 16000",
                "\"channel\" : 1", "\"kind\" : \"values\"", "\"kind\" : \"typed\"");

        InputSetFile.Saved saved = InputSetFile.read(json, model);
        InputSetBuilder b = InputSet.builder(model).dims(saved.sizes());
        saved.sources().forEach(b::source);
        InputSet replayed = b.build();
        for (String name : set.names()) {
            assertThat(bytes(replayed.values().get(name))).as(name).isEqualTo(bytes(set.values().get(name)));
        }
        assertThat(replayed.shape("signal")).containsExactly(1, 3200);
    }

    @Test
    void aSetForAnotherModelIsRefusedNamingTheInput() throws Exception {
        Model model = MediaModels.read(MediaModels.accumulator(dir));
        Path json = Files.writeString(dir.resolve("other.json"), """
                {"format": "onnx-workbench input set", "version": 1,
                 "inputs": [{"name": "pixels", "source": {"kind": "random", "seed": 1}}]}""");
        assertThatThrownBy(() -> InputSetFile.read(json, model)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'pixels'").hasMessageContaining("signal, state, sr");
        Path notASet = Files.writeString(dir.resolve("notes.json"), "{\"a\": 1}");
        assertThatThrownBy(() -> InputSetFile.read(notASet, model)).hasMessageContaining("is not an input set");
    }

    static byte[] bytes(HostTensor t) {
        java.nio.ByteBuffer b = t.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
