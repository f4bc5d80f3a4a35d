package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.cli.InputOptions;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.MediaModels;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's editors and the command line make the same bytes from the same picture or recording and
 * settings: the Predict form's editor → InputSet → tensor against {@code InputOptions} (--input x=photo.png
 * --scaling … --channels … --resize …) → InputSet → tensor, and a set saved with File ▸ Save Input Set…
 * replayed with {@code --inputs}.
 */
class FormAndCliTensorsTest {
    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private ExecutorService background;
    private Preferences preferences;
    private PredictionPane pane;
    private Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        background = AppServices.newBackgroundExecutor();
        preferences = Preferences.userRoot().node("dev/onnxworkbench/test/media-" + System.nanoTime());
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        try {
            preferences.removeNode();
        } catch (java.util.prefs.BackingStoreException busy) {
            // a leftover test node is harmless
        }
    }

    @Test
    void aPictureGivesTheSameBytesInTheFormTheCommandLineAndASavedSet() throws Exception {
        Path modelFile = MediaModels.detector(tmp.resolve("models"));
        Model model = new OnnxReader().read(modelFile);
        Path photo = noise(tmp.resolve("photo.png"), 100, 70);
        show(model, WorkbenchTheme.LIGHT);

        ImageEditor editor = (ImageEditor) pane.form().row("x").orElseThrow().editor;
        robot.interact(() -> {
            editor.scalingChoice().setValue(PixelScaling.IMAGENET);
            editor.orderChoice().setValue("BGR");
            editor.resizeChoice().setValue(ResizeMode.LETTERBOX);
            editor.loadFile(photo);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        // its own size rounded to the model's stride (32), not a default 224×224
        assertThat(((TextField) robot.lookup("#size-W").query()).getText()).isEqualTo("96");
        assertThat(((TextField) robot.lookup("#size-H").query()).getText()).isEqualTo("64");
        InputSet form = formSet();
        assertThat(form.shape("x")).containsExactly(1, 3, 64, 96);
        assertThat(form.describe().getFirst().source()).contains("photo.png", "letterbox", "bgr", "imagenet");

        InputSet cli = InputOptions.parse("--input", "x=" + photo, "--scaling", "imagenet", "--channels", "bgr",
                "--resize", "letterbox").inputSet(modelFile, model, null, null);
        assertThat(bytes(cli.values().get("x"))).isEqualTo(bytes(form.values().get("x")));
        // Run ▸ Quantize…'s calibration folder takes the form's picture settings: a folder of the same picture
        // gives the same bytes (each picture at its own size rounded to the stride, as the form chose here).
        var settings = WaitForAsyncUtils.asyncFx(() -> pane.formInputs().imageSettings()).get(10, TimeUnit.SECONDS);
        Path folder = Files.createDirectories(tmp.resolve("calib"));
        Files.copy(photo, folder.resolve("photo.png"));
        var calibration = dev.onnxworkbench.models.precision.SampleSet.fromDirectory(
                dev.onnxworkbench.models.runtime.inputs.InputSpecs.derive(model), model.graph(), folder,
                new dev.onnxworkbench.models.precision.SampleSet.Media(settings,
                        dev.onnxworkbench.models.runtime.inputs.AudioSettings.DEFAULT, java.util.Map.of()));
        assertThat(bytes(calibration.sample(0).get("x"))).isEqualTo(bytes(form.values().get("x")));

        // a size the user chooses in the form is --image-size on the command line
        robot.interact(() -> pane.form().setSize("W", 80));
        robot.interact(() -> pane.form().setSize("H", 48));
        WaitForAsyncUtils.waitForFxEvents();
        InputSet resized = formSet();
        InputSet cliResized = InputOptions.parse("--input", "x=" + photo, "--scaling", "imagenet", "--channels", "bgr",
                "--resize", "letterbox", "--image-size", "80x48").inputSet(modelFile, model, null, null);
        assertThat(resized.shape("x")).containsExactly(1, 3, 48, 80);
        assertThat(bytes(cliResized.values().get("x"))).isEqualTo(bytes(resized.values().get("x")));

        Path saved = tmp.resolve("photo-set.json");
        robot.interact(() -> pane.saveInputSet(saved));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(saved)
                && pane.statusLabel().getText().startsWith("Saved"));
        assertThat(Files.readString(saved)).contains("\"kind\" : \"image\"", "\"resize\" : \"letterbox\"",
                "\"scaling\" : \"imagenet\"", "\"channels\" : \"bgr\"");
        InputSet replayed = InputOptions.parse("--inputs", saved.toString()).inputSet(modelFile, model, null, null);
        assertThat(bytes(replayed.values().get("x"))).isEqualTo(bytes(resized.values().get("x")));
        screenshot("predict-image-settings");
        robot.interact(() -> stage.getScene().getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("predict-image-settings-dark");
    }

    @Test
    void aRecordingGivesTheSameBytesInTheFormAndTheCommandLine() throws Exception {
        Path modelFile = MediaModels.accumulator(tmp.resolve("models"));
        Model model = new OnnxReader().read(modelFile);
        Path wav = stereoWav(tmp.resolve("speech.wav"), 22050, 0.3);
        show(model, WorkbenchTheme.LIGHT);

        AudioEditor editor = (AudioEditor) pane.form().row("signal").orElseThrow().editor;
        robot.interact(() -> editor.loadFile(wav));
        HostTensor zero = HostTensor.ofFloats(new long[] {1}, 0f);
        robot.interact(() -> pane.form().load("state", zero, "zero state"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());
        InputSet form = formSet();

        InputSet cli = InputOptions.parse("--input", "signal=" + wav, "--input", "state=0")
                .inputSet(modelFile, model, null, null);
        assertThat(form.shape("signal")).containsExactly(1, 6615);
        assertThat(bytes(cli.values().get("signal"))).isEqualTo(bytes(form.values().get("signal")));
        assertThat(bytes(cli.values().get("sr"))).isEqualTo(bytes(form.values().get("sr")));
        assertThat(cli.describe().getFirst().source()).isEqualTo(form.describe().getFirst().source());
    }

    private InputSet formSet() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        robot.interact(() -> pane.currentInputs(result::set, result::set));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result.get() != null);
        assertThat(result.get()).as("the form's inputs").isInstanceOf(InputSet.class);
        return (InputSet) result.get();
    }

    private void show(Model model, WorkbenchTheme theme) throws Exception {
        robot.interact(() -> {
            pane = new PredictionPane(new dev.onnxworkbench.app.task.FxTaskExecutor(background), tmp.resolve("data"),
                    preferences, PaneTesting.backend());
            Scene scene = new Scene(pane, 440, 900);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            stage.setScene(scene);
            stage.show();
            pane.showModel(model);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.form() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }

    private static Path noise(Path file, int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | random.nextInt(256));
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A stereo 16-bit WAV, a different tone on each channel. */
    private static Path stereoWav(Path file, int rate, double seconds) throws Exception {
        int frames = (int) (rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + frames * 4).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4)
                .putShort((short) 4).putShort((short) 16);
        b.putInt(0x61746164).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) (12000 * Math.sin(2 * Math.PI * 440 * i / rate)));
            b.putShort((short) (9000 * Math.sin(2 * Math.PI * 1000 * i / rate)));
        }
        Files.write(file, b.array());
        return file;
    }

    private static byte[] bytes(HostTensor t) {
        ByteBuffer b = t.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
