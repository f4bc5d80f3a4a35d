package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.NpyWriter;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edit}: edits applied, validated against the original, saved; bad input one line, exit by class, nothing written. */
class EditCommandTest {
    private static String previousDataDir;

    @TempDir
    Path dir;
    Path model;
    byte[] original;

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

    @BeforeEach
    void model() throws Exception {
        var at11 = TestModels.convNet().toBuilder()
                .setOpsetImport(0, TestModels.convNet().getOpsetImport(0).toBuilder().setVersion(11)).build();
        model = Protos.write(at11, dir.resolve("conv.onnx"));
        original = Files.readAllBytes(model);
    }

    @Test
    void editsAreCheckedAgainstTheOriginalAndSaved() throws Exception {
        Path out = dir.resolve("conv.edited.onnx");
        CliRun cli = new CliRun();
        int code = cli.execute("edit", model.toString(), "--rename", "input=image", "--rename", "logits=scores",
                "--add-output", "relu1_out", "--set-shape", "image=N,3,32,32", "--opset", "17", "--random", "3",
                "--shape", "input=1,3,32,32", "--out", out.toString(), "--json");
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode r = cli.jsonLines().getFirst();
        assertThat(r.get("saved").asBoolean()).isTrue();
        assertThat(r.get("edits")).hasSize(5);
        JsonNode v = r.get("validation");
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("verdict").asText()).isEqualTo("changedAsIntended");
        assertThat(v.get("outputs").get(0).get("nameNow").asText()).isEqualTo("scores");
        assertThat(v.get("outputs").get(0).get("agrees").asBoolean()).isTrue();
        assertThat(v.get("inputs").asText()).contains("seed 3");
        Model saved = new OnnxReader().read(out);
        assertThat(saved.opsetVersion("")).isEqualTo(17);
        assertThat(saved.graph().inputs().getFirst().name()).isEqualTo("image");
        assertThat(saved.graph().outputs()).extracting(o -> o.name()).containsExactly("scores", "relu1_out");
        assertThat(Files.readAllBytes(model)).isEqualTo(original);
    }

    @Test
    void badInputIsOneMessageExitOneAndNothingWritten() throws Exception {
        Path wrong = dir.resolve("wrong.npy");
        NpyWriter.write(HostTensor.ofLongs(new long[] {8}, 1, 2, 3, 4, 5, 6, 7, 8), wrong);
        Path out = dir.resolve("out.onnx");
        String[][] cases = {
                {"--rename", "nope=x"},
                {"--set-shape", "input=1,4,32,32"},
                {"--replace-weight", "conv1.bias=" + wrong},
                {"--delete", "relu1"},
                {"--set-attr", "pool1.strides=a,b"},
                {"--opset", "9"},
                {"--extract", "input"},
        };
        String[] expected = {"'nope'", "contradicts the weight 'conv1.weight'", "int64", "feeds pool1", "not a valid ints",
                "down from opset 11", "IN1,IN2:OUT1"};
        int[] exitCodes = {3, 3, 3, 3, 3, 3, 2}; // bad input, except a malformed option (usage)
        for (int i = 0; i < cases.length; i++) {
            CliRun cli = new CliRun();
            String[] args = new String[cases[i].length + 4];
            args[0] = "edit";
            args[1] = model.toString();
            System.arraycopy(cases[i], 0, args, 2, cases[i].length);
            args[args.length - 2] = "--out";
            args[args.length - 1] = out.toString();
            assertThat(cli.execute(args)).as(String.join(" ", cases[i])).isEqualTo(exitCodes[i]);
            assertThat(cli.err.toString().strip().lines()).as(String.join(" ", cases[i])).hasSize(1)
                    .first().asString().contains(expected[i]);
            assertThat(out).doesNotExist();
        }
        assertThat(Files.readAllBytes(model)).isEqualTo(original);
    }

    @Test
    void neverOverwritesWithoutBeingAskedAndNeverSavesInvalidWithoutForce() throws Exception {
        CliRun self = new CliRun();
        assertThat(self.execute("edit", model.toString(), "--rename", "logits=y", "--out", model.toString(), "--json")).isEqualTo(2);
        assertThat(self.jsonLines().getFirst().get("error").get("code").asText()).isEqualTo("usage");
        assertThat(self.jsonLines().getFirst().get("error").get("reason").asText()).isEqualTo("wouldOverwrite");
        assertThat(Files.readAllBytes(model)).isEqualTo(original);

        Path existing = Files.writeString(dir.resolve("taken.onnx"), "keep me");
        assertThat(new CliRun().execute("edit", model.toString(), "--rename", "logits=y", "--out", existing.toString()))
                .isEqualTo(2);
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Path broken = dir.resolve("broken.onnx");
        CliRun invalid = new CliRun();
        assertThat(invalid.execute("edit", model.toString(), "--set-attr", "conv1.kernel_shape=5,5", "--random", "1",
                "--out", broken.toString())).isEqualTo(1);
        assertThat(invalid.out.toString()).contains("INVALID").contains("not saved");
        assertThat(broken).doesNotExist();
        CliRun forced = new CliRun();
        assertThat(forced.execute("edit", model.toString(), "--set-attr", "conv1.kernel_shape=5,5", "--random", "1",
                "--out", broken.toString(), "--force")).isZero();
        assertThat(forced.out.toString()).contains("forced although invalid");
        assertThat(broken).exists();
    }

    @Test
    void aScriptRepeatsTheEdits() throws Exception {
        Path script = Files.writeString(dir.resolve("edits.json"), """
                {"edits": [{"op": "rename", "from": "input", "to": "image"},
                           {"op": "setDimension", "input": "image", "axis": 0, "dim": "batch"},
                           {"op": "extract", "inputs": ["image"], "outputs": ["pool1_out"]}]}
                """);
        Path out = dir.resolve("features.onnx");
        CliRun cli = new CliRun();
        assertThat(cli.execute("edit", model.toString(), "--script", script.toString(), "--out", out.toString()))
                .as(cli.err.toString()).isZero();
        Model saved = new OnnxReader().read(out);
        assertThat(saved.graph().outputs()).extracting(o -> o.name()).containsExactly("pool1_out");
        assertThat(saved.graph().nodes()).extracting(n -> n.opType()).containsExactly("Conv", "Relu", "MaxPool");
    }
}
