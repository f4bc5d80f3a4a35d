package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.opset.RealModels;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quantize} takes the INPUTS verbs' picture flags, and a calibration folder of pictures gives the PaddleOCR
 * detector byte for byte the tensor {@code run --input x=photo.png} gives it with the same flags.
 */
class QuantizeMediaCommandTest {
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

    @Test
    void aCalibrationPictureEqualsRunsInputByteForByteWithTheSameFlags() throws Exception {
        Model det = new OnnxReader().read(RealModels.DET);
        Path photo = PrecisionModels.textPicture(dir.resolve("calib/photo.png"), "receipt no. 4471", 333, 150);
        List<List<String>> flagSets = List.of(
                List.of(),
                List.of("--image-size", "256x128", "--resize", "letterbox", "--channels", "bgr", "--scaling", "imagenet"),
                List.of("--mean", "127.5,127.5,127.5", "--std", "127.5,127.5,127.5", "--resize", "crop"),
                List.of("--dim", "p2o.DynamicDimension.2=320"));
        for (List<String> flags : flagSets) {
            List<String> quantize = new ArrayList<>(List.of(RealModels.DET.toString(), "--int8", "static",
                    "--calibrate", dir.resolve("calib").toString(), "--out", dir.resolve("q.onnx").toString()));
            quantize.addAll(flags);
            QuantizeCommand command = new QuantizeCommand();
            new CommandLine(command).parseArgs(quantize.toArray(String[]::new));
            SampleSet calibration = command.data.calibration(det, command.inputOptions);
            HostTensor fromFolder = calibration.sample(0).get("x");

            List<String> run = new ArrayList<>(List.of("--input", "x=" + photo));
            run.addAll(flags);
            HostTensor fromRun = InputOptions.parse(run.toArray(String[]::new)).inputSet(RealModels.DET, det, null,
                    null).values().get("x");
            assertThat(fromFolder.shape()).as(flags.toString()).containsExactly(fromRun.shape());
            assertThat(PrecisionModels.bytes(fromFolder)).as(flags.toString()).isEqualTo(PrecisionModels.bytes(fromRun));
        }
    }

    @Test
    void boxLabelsScoreTheDetectorAndABadLabelsFileFailsBeforeAnythingIsWritten() throws Exception {
        Path model = PrecisionModels.brightnessDetector(dir);
        Path eval = Files.createDirectories(dir.resolve("bars"));
        PrecisionModels.barPicture(eval.resolve("a.png"), 8, 10, 48, 22);
        Path labels = Files.writeString(dir.resolve("boxes.csv"), "picture,x0,y0,x1,y1\na.png,2,4,54,28\n");
        List<String> common = List.of("--evaluate", eval.toString(), "--image-size", "32x32", "--resize", "letterbox",
                "--scaling", "0-1", "--latency-runs", "0");
        List<String> ok = new ArrayList<>(List.of("quantize", model.toString(), "--int8", "static", "--calibrate",
                eval.toString(), "--labels", labels.toString(), "--out", dir.resolve("q.onnx").toString()));
        ok.addAll(common);
        assertThat(cli.execute(ok.toArray(String[]::new))).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("labels (1 picture, 1 box; DetEval F1 of the boxes in y")
                .contains("FP32 100.0 %, INT8 100.0 %");

        Path bad = Files.writeString(dir.resolve("bad.csv"), "a.png,2,4,54,28\na.png,60,4,2,28\n");
        Path out = dir.resolve("never.onnx");
        CliRun refused = new CliRun();
        List<String> args = new ArrayList<>(List.of("convert", model.toString(), "--fp16", "--labels", bad.toString(),
                "--out", out.toString()));
        args.addAll(common);
        assertThat(refused.execute(args.toArray(String[]::new))).isNotZero();
        assertThat(refused.err.toString()).contains("bad.csv, line 2").contains("x0 < x1");
        assertThat(out).as("refused before writing").doesNotExist();
    }

    @Test
    void convertEvaluatesOnRecordingsWithTheRecordingFlags() throws Exception {
        Path model = PrecisionModels.signalModel(dir, 8000);
        Path wavs = Files.createDirectories(dir.resolve("wavs"));
        try (var in = QuantizeMediaCommandTest.class.getResourceAsStream("/audio/speech-between-silences.wav")) {
            Files.copy(in, wavs.resolve("speech.wav"));
        }
        int code = cli.execute("convert", model.toString(), "--fp16", "--evaluate", wavs.toString(), "--sample-rate",
                "16000", "--latency-runs", "0", "--out", dir.resolve("signal.fp16.onnx").toString());

        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("wavs/ (1 recording, 16000 Hz, mono mix");
        assertThat(cli.err.toString()).contains("takes 8000 samples");
        assertThat(new CliRun().execute("convert", model.toString(), "--fp16", "--evaluate", wavs.toString(),
                "--audio-channel", "left", "--out", dir.resolve("x.onnx").toString())).isEqualTo(3);
    }

    @Test
    void quantizesTheDetectorOnPicturesAtTheirOwnSizeRoundedToItsStride() throws Exception {
        Path calib = dir.resolve("calib");
        PrecisionModels.textPicture(calib.resolve("a.png"), "invoice 2041", 170, 70);
        PrecisionModels.textPicture(calib.resolve("b.png"), "total 18.40", 140, 90);
        Path eval = dir.resolve("eval");
        PrecisionModels.textPicture(eval.resolve("c.png"), "paid in full", 150, 60);
        Path out = dir.resolve("det.int8.onnx");

        int code = cli.execute("quantize", RealModels.DET.toString(), "--int8", "static", "--calibrate",
                calib.toString(), "--evaluate", eval.toString(), "--scaling", "-1-1", "--latency-runs", "0",
                "--layers", "3", "--out", out.toString(), "--json");

        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode root = cli.jsonLines().getFirst();
        assertThat(root.path("calibration").asText()).contains("calib/ (2 pictures")
                .contains("rounded to a multiple of 32").contains("-1-1");
        assertThat(root.path("accuracy").path("set").asText()).contains("eval/ (1 picture,");
        assertThat(root.path("check").path("ok").asBoolean()).isTrue();
        assertThat(root.path("layers").size()).isPositive();
        assertThat(Files.size(out)).isLessThan(Files.size(RealModels.DET));

        // A flag the media road refuses is refused here too, with the same words as on `run`.
        assertThat(new CliRun().execute("quantize", RealModels.DET.toString(), "--int8", "static", "--calibrate",
                calib.toString(), "--scaling", "sepia", "--out", dir.resolve("x.onnx").toString())).isEqualTo(3);
    }
}
