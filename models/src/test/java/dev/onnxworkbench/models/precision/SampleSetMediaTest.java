package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.opset.RealModels;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.MediaInputs;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration and evaluation folders go through the one media road: the PaddleOCR detector's pictures and a
 * speech recording become exactly the tensors {@link MediaInputs} (what {@code run --input x=photo.png} and the
 * Predict form call) makes from the same file and settings.
 */
class SampleSetMediaTest {
    @TempDir
    Path dir;

    @Test
    void detectorPicturesKeepTheirOwnSizeRoundedToTheStrideAndEqualTheMediaRoadsBytes() throws Exception {
        Model det = new OnnxReader().read(RealModels.DET);
        List<InputSpec> specs = InputSpecs.derive(det);
        InputSpec x = specs.getFirst();
        Path a = PrecisionModels.textPicture(dir.resolve("calib/a.png"), "invoice 2041", 333, 150);
        Path b = PrecisionModels.textPicture(dir.resolve("calib/b.png"), "total 18.40", 200, 90);

        SampleSet set = SampleSet.fromDirectory(specs, det.graph(), dir.resolve("calib"), SampleSet.Media.DEFAULTS);
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.description()).contains("2 pictures").contains("rounded to a multiple of 32");
        HostTensor first = set.sample(0).get("x");
        HostTensor second = set.sample(1).get("x");
        assertThat(first.shape()).containsExactly(1, 3, 160, 320);
        assertThat(second.shape()).containsExactly(1, 3, 96, 192);
        ModelStride stride = ModelStride.of(det.graph(), "x");
        assertThat(PrecisionModels.bytes(first)).isEqualTo(PrecisionModels.bytes(MediaInputs.image(a, x, ImageSettings.defaults(x), Map.of(), stride)
                .tensor()));
        assertThat(PrecisionModels.bytes(second)).isEqualTo(PrecisionModels.bytes(MediaInputs.image(b, x, ImageSettings.defaults(x), Map.of(), stride)
                .tensor()));

        // Settings a user chose (PaddleOCR's own: BGR, ImageNet mean/std, letterboxed to a set size) are used as given.
        ImageSettings chosen = ImageSettings.defaults(x).withSize(256, 128).withResize(ResizeMode.LETTERBOX)
                .withBgr(true).withScaling(PixelScaling.IMAGENET);
        SampleSet custom = SampleSet.fromDirectory(specs, det.graph(), dir.resolve("calib"),
                new SampleSet.Media(Map.of("x", chosen), AudioSettings.DEFAULT, Map.of()));
        assertThat(custom.description()).contains("256×128").contains("letterbox").contains("bgr");
        assertThat(custom.sample(0).get("x").shape()).containsExactly(1, 3, 128, 256);
        assertThat(PrecisionModels.bytes(custom.sample(0).get("x"))).isEqualTo(PrecisionModels.bytes(MediaInputs.image(a, x, chosen, Map.of(),
                stride).tensor()));
    }

    @Test
    void recordingsGoThroughTheAudioRoadAndACutIsNoted() throws Exception {
        Path model = PrecisionModels.signalModel(dir, 8000);
        Model parsed = new OnnxReader().read(model);
        List<InputSpec> specs = InputSpecs.derive(parsed);
        Path wavs = Files.createDirectories(dir.resolve("wavs"));
        Path speech = wavs.resolve("speech.wav");
        try (var in = SampleSetMediaTest.class.getResourceAsStream("/audio/speech-between-silences.wav")) {
            Files.copy(in, speech);
        }
        AudioSettings at16k = new AudioSettings(16000, null, 0, null);

        SampleSet set = SampleSet.fromDirectory(specs, parsed.graph(), wavs,
                new SampleSet.Media(Map.of(), at16k, Map.of()));
        assertThat(set.description()).contains("1 recording,").contains("16000 Hz");
        HostTensor t = set.sample(0).get("audio");
        assertThat(t.shape()).containsExactly(1, 8000);
        assertThat(PrecisionModels.bytes(t)).isEqualTo(PrecisionModels.bytes(MediaInputs.audio(speech, specs.getFirst(), at16k, null, Map.of())
                .tensor()));
        assertThat(set.notes()).singleElement().asString().contains("8000 samples");
    }

    @Test
    void aPictureFolderForANonImageInputNamesTheInput() throws Exception {
        Path model = PrecisionModels.signalModel(dir, 8000);
        Model parsed = new OnnxReader().read(model);
        PrecisionModels.textPicture(dir.resolve("pics/a.png"), "x", 64, 32);
        SampleSet set = SampleSet.fromDirectory(InputSpecs.derive(parsed), parsed.graph(), dir.resolve("pics"),
                SampleSet.Media.DEFAULTS);
        assertThatThrownBy(() -> set.sample(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'audio'").hasMessageContaining("a.png");
    }
}
