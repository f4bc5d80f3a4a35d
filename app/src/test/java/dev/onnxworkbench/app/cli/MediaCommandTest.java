package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.inputs.MediaModels;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures, recordings, saved input sets and streaming runs on the command line, on generated models. */
class MediaCommandTest {
    private static String previousDataDir;

    @TempDir
    Path dir;

    private CliRun cli = new CliRun();

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

    private int run(String... args) {
        cli = new CliRun();
        return cli.execute(args);
    }

    @Test
    void aPictureRunsAtItsOwnSizeRoundedToTheStrideAndJsonStatesThePreprocessing() throws Exception {
        Path model = MediaModels.detector(dir);
        BufferedImage image = new BufferedImage(640, 640, BufferedImage.TYPE_INT_RGB);
        Path photo = dir.resolve("photo.png");
        ImageIO.write(image, "png", photo.toFile());

        assertThat(run("run", model.toString(), "--input", "x=" + photo, "--layout", "nchw", "--json")).as(cli.err.toString())
                .isZero();
        JsonNode x = cli.jsonLines().getFirst().path("inputs").get(0);
        assertThat(x.path("shape").toString()).isEqualTo("[1,3,640,640]");
        assertThat(x.path("source").asText()).contains("640×640 (own size, rounded to a multiple of 32, the model's stride)");
        assertThat(x.path("recipe").path("kind").asText()).isEqualTo("image");
        assertThat(x.path("recipe").path("imageSize").asText()).isEqualTo("640x640");
        assertThat(x.path("recipe").path("scaling").asText()).isEqualTo("0-1");

        assertThat(run("run", model.toString(), "--input", "x=" + photo, "--scaling", "sepia")).isNotZero();
        assertThat(cli.err.toString()).contains("--scaling sepia: use 0-1, 0-255, imagenet, -1-1 or custom");
    }

    @Test
    void aRecordingLongerThanTheInputSaysHowItIsCut() throws Exception {
        Path model = MediaModels.accumulator(dir);
        Path wav = wav(dir.resolve("speech.wav"), 16000, 16000);

        assertThat(run("run", model.toString(), "--input", "signal=" + wav, "--input", "state=0", "--dim", "T=512",
                "--json")).as(cli.err.toString()).isZero();
        assertThat(cli.err.toString()).contains("signal takes 512 samples but the signal has 16000",
                "--window signal=512");
        JsonNode inputs = cli.jsonLines().getFirst().path("inputs");
        assertThat(inputs.get(0).path("source").asText()).contains("cut to its first 512 samples (0.032 of 1.000 s)");
        assertThat(inputs.get(2).path("source").asText()).isEqualTo("16000, the sample rate of speech.wav");
    }

    @Test
    void streamingRunsEveryWindowCarriesTheStateAndWritesCsv() throws Exception {
        Path model = MediaModels.accumulator(dir);
        Path wav = wav(dir.resolve("ramp.wav"), 1000, 2600);
        Path csv = dir.resolve("rows.csv");

        assertThat(run("run", model.toString(), "--input", "signal=" + wav, "--window", "signal=1000:500",
                "--carry", "stateOut=state", "--input", "sr=1000", "--out", csv.toString(), "--json"))
                .as(cli.err.toString()).isZero();
        JsonNode root = cli.jsonLines().getFirst();
        assertThat(root.path("stream").path("windows").asInt()).isEqualTo(5);
        assertThat(root.path("stream").path("padding").asText()).contains("400 zero samples (0.400 s of silence)");
        JsonNode windows = root.path("windows");
        assertThat(windows).hasSize(5);
        assertThat(windows.get(1).path("startSeconds").asDouble()).isEqualTo(0.5);
        double e0 = windows.get(0).path("outputs").path("energy").asDouble();
        double e1 = windows.get(1).path("outputs").path("energy").asDouble();
        assertThat(windows.get(1).path("outputs").path("total").asDouble()).isCloseTo(e0 + e1,
                org.assertj.core.api.Assertions.within(1e-3));
        assertThat(windows.get(0).path("outputs").has("stateOut")).isFalse();
        assertThat(root.path("inputs").get(1).path("source").asText()).startsWith("zeros");
        assertThat(Files.readAllLines(csv)).hasSize(6).first().asString()
                .isEqualTo("window,startSeconds,endSeconds,startSample,endSample,energy,total");

        assertThat(run("run", model.toString(), "--input", "signal=" + wav, "--window", "signal=1000",
                "--carry", "hidden=state", "--input", "sr=1000")).isNotZero();
        assertThat(cli.err.toString()).contains("no output 'hidden'");
    }

    /** A mono 16-bit WAV whose samples ramp from 0 up. */
    private static Path wav(Path file, int rate, int frames) throws Exception {
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
