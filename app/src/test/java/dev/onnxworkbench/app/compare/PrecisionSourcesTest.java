package dev.onnxworkbench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.MediaInputs;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The precision fields Compare and Tune share: variant files, the calibration folder and its pictures' settings. */
class PrecisionSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void calibrationPicturesTakeTheSettingsOfTheComparedPicture() throws Exception {
        Path model = PrecisionModels.brightnessDetector(tmp);
        Model parsed = new OnnxReader().read(model);
        InputSpec x = InputSpecs.derive(parsed).getFirst();
        Path folder = Files.createDirectories(tmp.resolve("calib"));
        Path bar = PrecisionModels.barPicture(folder.resolve("a.png"), 8, 10, 48, 22);
        ImageSettings letterbox = ImageSettings.defaults(x).withSize(32, 32).withResize(ResizeMode.LETTERBOX)
                .withScaling(PixelScaling.ZERO_ONE);
        var fromPredict = MediaInputs.image(bar, x, letterbox, Map.of(), ModelStride.of(parsed.graph(), "x"));
        InputSet compared = InputSet.builder(parsed).source("x", fromPredict).build();

        SampleSet set = PrecisionSources.calibrationSet(model, folder, compared);
        assertThat(set.description()).contains("letterbox");
        assertThat(bytes(set.sample(0).get("x"))).as("the same bytes Predict made from the same picture")
                .isEqualTo(bytes(fromPredict.tensor()));
        SampleSet plain = PrecisionSources.calibrationSet(model, folder, InputSet.builder(parsed).randomFill(1).build());
        assertThat(plain.description()).contains("stretch");
        assertThat(PrecisionSources.calibrationSet(model, null, compared)).isNull();
    }

    @Test
    void variantFilesAndCalibrationFoldersNameWhatIsWrong() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.onnx"), "x");
        Path b = Files.writeString(tmp.resolve("b.onnx"), "x");
        assertThat(PrecisionSources.variants(a + "; " + b + "\n")).containsExactly(a, b);
        assertThat(PrecisionSources.variants("  ")).isEmpty();
        assertThatThrownBy(() -> PrecisionSources.variants(tmp.resolve("c.onnx").toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("c.onnx does not exist");
        Path text = Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> PrecisionSources.variants(text.toString())).hasMessageContaining("not an .onnx file");
        assertThat(PrecisionSources.calibrationFolder("")).isNull();
        assertThatThrownBy(() -> PrecisionSources.calibrationFolder(a.toString())).hasMessageContaining("is not a folder");
    }

    private static byte[] bytes(dev.onnxworkbench.models.tensor.HostTensor t) {
        java.nio.ByteBuffer b = t.data().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
