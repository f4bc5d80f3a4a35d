package dev.onnxworkbench.models.precision;

import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import dev.onnxworkbench.models.testing.Protos;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
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
        Path model = brightnessDetector(dir);
        Path pictures = Files.createDirectories(dir.resolve("eval"));
        // 64×32 pictures letterboxed into 32×32: half the size, 8 rows of padding above
        picture(pictures.resolve("a.png"), 8, 10, 48, 22);
        picture(pictures.resolve("b.png"), 20, 4, 60, 16);
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

        Path model = brightnessDetector(dir);
        Path pictures = Files.createDirectories(dir.resolve("other"));
        picture(pictures.resolve("c.png"), 8, 10, 48, 22);
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

    /** A 64×32 black picture with a white bar from (x0, y0) to (x1, y1), exclusive. */
    private static void picture(Path file, int x0, int y0, int x1, int y1) throws Exception {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 64, 32);
        g.setColor(Color.WHITE);
        g.fillRect(x0, y0, x1 - x0, y1 - y0);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * x[1,3,32,32] → Conv(1×1, every weight 20/3, bias −10) → Sigmoid → y[1,1,32,32]: about 1 where the picture is
     * white, 0 where black, 0.26 on the letterbox's gray.
     */
    static Path brightnessDetector(Path dir) throws Exception {
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto.Builder g = GraphProto.newBuilder().setName("brightness")
                .addInput(tensorValue("x", f, 1L, 3L, 32L, 32L))
                .addOutput(tensorValue("y", f, 1L, 1L, 32L, 32L))
                .addInitializer(Protos.rawTensor("w", f, PrecisionModels.floats(20f / 3, 20f / 3, 20f / 3), 1, 3, 1, 1))
                .addInitializer(Protos.rawTensor("b", f, PrecisionModels.floats(-10f), 1));
        g.addNode(node("Conv", "score", List.of("x", "w", "b"), List.of("logits")));
        g.addNode(node("Sigmoid", "probability", List.of("logits"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("brightness.onnx"));
    }
}
