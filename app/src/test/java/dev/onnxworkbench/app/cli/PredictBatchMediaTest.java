package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.MediaInputs;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.Protos;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column of picture paths through {@code predict-batch}: each row's values are the bytes {@code run --input
 * x=photo.png} makes with the same settings (an Identity model hands them back), paths are relative to the CSV's
 * folder, a missing or undecodable picture is an error row with the reason, and the saved job replays the settings.
 */
class PredictBatchMediaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String previousDataDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void keepNativeLibrariesUnderTarget() {
        previousDataDir = System.getProperty(NativeLibraries.DATA_DIR_PROPERTY);
        if (previousDataDir == null) {
            System.setProperty(NativeLibraries.DATA_DIR_PROPERTY, Path.of("target", "cli-data").toAbsolutePath().toString());
        }
    }

    @AfterAll
    static void restore() {
        if (previousDataDir == null) {
            System.clearProperty(NativeLibraries.DATA_DIR_PROPERTY);
        }
    }

    /** x float32[N,3,4,4] → y = x. */
    private Path identity() throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("identity")
                .addInput(Protos.tensorValue("x", 1, "N", 3L, 4L, 4L))
                .addOutput(Protos.tensorValue("y", 1, "N", 3L, 4L, 4L))
                .addNode(Protos.node("Identity", "id", List.of("x"), List.of("y"))).build();
        return Protos.write(Protos.model(g, 17).build(), dir.resolve("identity.onnx"));
    }

    private Path picture(Path file, int w, int h, long seed) throws Exception {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void aColumnOfPicturePathsGivesTheBytesOfRunWithTheSameSettingsAndAMissingFileIsAnErrorRow() throws Exception {
        Path model = identity();
        Path a = picture(dir.resolve("pics/a.png"), 4, 4, 1);
        Path b = picture(dir.resolve("pics/b.png"), 9, 7, 2); // resized to 4×4 by --image-size
        Files.writeString(dir.resolve("pics/broken.png"), "not a picture");
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "id,x\n1,pics/a.png\n2,pics/missing.png\n3," + b + "\n4,pics/broken.png\n");
        Path out = dir.resolve("preds.csv");
        Path job = dir.resolve("job.json");
        String[] settings = {"--image-size", "4x4", "--scaling", "imagenet", "--channels", "bgr"};

        CliRun cli = new CliRun();
        List<String> args = new ArrayList<>(List.of("predict-batch", model.toString(), "--in", rows.toString(), "--out",
                out.toString(), "--batch", "4", "--save-job", job.toString()));
        args.addAll(List.of(settings));
        assertThat(cli.execute(args.toArray(String[]::new))).as(cli.err.toString()).isZero();

        List<String[]> lines = Files.readAllLines(out).stream().map(l -> l.split(",", -1)).toList();
        List<String> header = List.of(lines.get(0));
        int error = header.indexOf("error");
        int y0 = header.indexOf("y_0");
        assertThat(y0).isPositive();

        // Expected: what run --input x=PICTURE makes with the same settings, value for value.
        Model parsed = new OnnxReader().read(model);
        InputSpec spec = InputSpecs.derive(parsed).getFirst();
        ImageSettings s = ImageSettings.defaults(spec).withSize(4, 4).withScaling(PixelScaling.preset("imagenet")
                .orElseThrow()).withBgr(true).withLayout(ImageLayout.NCHW);
        for (int[] row : new int[][] {{1, 0}, {3, 1}}) {
            Path picture = row[1] == 0 ? a : b;
            HostTensor expected = MediaInputs.image(picture, spec, s, Map.of(), ModelStride.of(parsed.graph(), "x"))
                    .tensor();
            String[] cells = lines.get(row[0]);
            assertThat(cells[error]).as("row " + row[0]).isEmpty();
            for (int i = 0; i < 48; i++) {
                assertThat(Float.floatToIntBits(Float.parseFloat(cells[y0 + i])))
                        .as("row %d value %d", row[0], i).isEqualTo(Float.floatToIntBits((float) expected.getDouble(i)));
            }
            CliRun run = new CliRun();
            List<String> runArgs = new ArrayList<>(List.of("run", model.toString(), "--input", "x=" + picture,
                    "--json", "--values", "48"));
            runArgs.addAll(List.of(settings));
            assertThat(run.execute(runArgs.toArray(String[]::new))).as(run.err.toString()).isZero();
            JsonNode y = run.jsonLines().getFirst().path("outputs").get(0);
            assertThat(y.path("name").asText()).isEqualTo("y");
            List<Double> runValues = new ArrayList<>();
            y.path("values").forEach(v -> runValues.add(v.asDouble()));
            assertThat(runValues).as(y.toString()).hasSize(48);
            for (int i = 0; i < 48; i++) {
                assertThat(Float.parseFloat(cells[y0 + i])).isEqualTo(runValues.get(i).floatValue());
            }
        }
        List<String> raw = Files.readAllLines(out);
        assertThat(raw.get(2)).contains("no file", "missing.png").doesNotContain("0.0,0.0");
        assertThat(raw.get(4)).contains("broken.png");
        assertThat(cli.err.toString()).contains("4 rows (2 with errors)");

        JsonNode saved = JSON.readTree(job.toFile()).path("media").path("x");
        assertThat(saved.path("kind").asText()).isEqualTo("image");
        assertThat(saved.path("imageSize").asText()).isEqualTo("4x4");
        assertThat(saved.path("channels").asText()).isEqualTo("bgr");
        assertThat(saved.path("scaling").asText()).isEqualTo("imagenet");

        // The saved job replays with the same settings and gives the same file.
        Path again = dir.resolve("again.csv");
        CliRun replay = new CliRun();
        assertThat(replay.execute("predict-batch", "--job", job.toString(), "--out", again.toString()))
                .as(replay.err.toString()).isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out));
    }
}
