package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detector scored against labelled boxes (--labels picture,x0,y0,x1,y1): the boxes follow each picture through its
 * letterbox into the map, the found boxes are unclipped as DB reports them, and DetEval scores each model.
 */
class DetectorLabelsTest {
    private static final ModelVerifier VERIFIER = new ModelVerifier(SessionFactory.withDefaults(), ProviderSettings.cpu());

    @TempDir
    Path dir;

    @Test
    void labelledBoxesInThePicturesPixelsFollowTheLetterboxAndScoreBothModels() throws Exception {
        Path model = PrecisionModels.brightnessDetector(dir);
        Path pictures = Files.createDirectories(dir.resolve("eval"));
        // 64×32 pictures letterboxed into 32×32: half the size, 8 rows of padding above
        PrecisionModels.barPicture(pictures.resolve("a.png"), 8, 10, 48, 22);
        PrecisionModels.barPicture(pictures.resolve("b.png"), 20, 4, 60, 16);
        SampleSet set = letterboxed(model, pictures);

        // the text boxes of the two bright bars, in the pictures' pixels
        Path right = Files.writeString(dir.resolve("right.csv"), "picture,x0,y0,x1,y1\na.png,2,4,54,28\nb.png,14,0,64,22\n");
        AccuracyReport.LabelAccuracy score = evaluate(model, set, right);
        assertThat(score.detector()).isTrue();
        assertThat(score.rows()).isEqualTo(2);
        assertThat(score.boxes()).isEqualTo(2);
        assertThat(score.original()).as("both bars found where the labels put them").isEqualTo(1.0);
        assertThat(score.derived()).isEqualTo(score.original());

        // b.png unlabelled: its bar is a false positive (precision ½, recall 1)
        Path onlyA = Files.writeString(dir.resolve("only-a.csv"), "a.png,2,4,54,28\n");
        assertThat(evaluate(model, set, onlyA).original()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));

        // labels in the input's pixels instead of the picture's miss the bars
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "a.png,1,10,27,22\nb.png,7,8,32,19\n");
        assertThat(evaluate(model, set, wrong).original()).isZero();
    }

    @Test
    void boxFilesAreToldFromClassFilesAndBadLinesAreNamed() throws Exception {
        Path classes = Files.writeString(dir.resolve("classes.csv"), "name,label\na.png,0\nb.png,1\n");
        Path boxes = Files.writeString(dir.resolve("boxes.csv"), "# text lines\na.png,1,2,30,9.5\n");
        assertThat(BoxLabels.isBoxFile(classes)).isFalse();
        assertThat(BoxLabels.isBoxFile(boxes)).isTrue();
        assertThat(BoxLabels.read(boxes).of("a.png")).singleElement()
                .satisfies(b -> assertThat(b).containsExactly(1, 2, 30, 9.5));
        Path inverted = Files.writeString(dir.resolve("inverted.csv"), "a.png,1,2,30,9\nb.png,30,2,1,9\n");
        assertThatThrownBy(() -> BoxLabels.read(inverted)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2").hasMessageContaining("x0 < x1");

        Path model = PrecisionModels.brightnessDetector(dir);
        Path pictures = Files.createDirectories(dir.resolve("other"));
        PrecisionModels.barPicture(pictures.resolve("c.png"), 8, 10, 48, 22);
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.csv"), "z.png,1,2,30,9\n");
        assertThatThrownBy(() -> evaluate(model, letterboxed(model, pictures), elsewhere))
                .isInstanceOf(WorkbenchException.class).hasMessageContaining("z.png");
    }

    private AccuracyReport.LabelAccuracy evaluate(Path model, SampleSet set, Path labels) throws Exception {
        return new AccuracyEvaluator(VERIFIER).evaluate(model, model, set, TaskLabels.read(labels), Progress.NONE).labels();
    }

    private static SampleSet letterboxed(Path model, Path folder) throws Exception {
        Model parsed = new OnnxReader().read(model);
        List<InputSpec> specs = InputSpecs.derive(parsed);
        InputSpec x = specs.getFirst();
        ImageSettings settings = ImageSettings.defaults(x).withSize(32, 32).withResize(ResizeMode.LETTERBOX)
                .withScaling(PixelScaling.ZERO_ONE);
        return SampleSet.fromDirectory(specs, parsed.graph(), folder,
                new SampleSet.Media(Map.of("x", settings), AudioSettings.DEFAULT, Map.of()));
    }
}
