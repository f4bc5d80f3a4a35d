package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the command line itself is wrong, or a file cannot be read or written. */
class CliErrorsCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private String stderrLine() {
        String err = cli.err.toString().strip();
        assertThat(err).doesNotContain("\n").doesNotContain("Usage:").doesNotContain("\tat ");
        return err;
    }

    @Test
    void anUnknownOptionIsOneLineNamingItAndTheHelp() throws Exception {
        Path conv = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        assertThat(cli.execute("info", "--frob", conv.toString())).isEqualTo(2);
        assertThat(stderrLine()).isEqualTo("onnx-workbench info: Unknown option: '--frob' (see 'onnx-workbench info --help')");
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void anUnknownSubVerbAndAMissingValueAreOneLineEach() {
        assertThat(cli.execute("export", "foo", "m.onnx")).isEqualTo(2);
        assertThat(stderrLine()).startsWith("onnx-workbench export: Unmatched arguments").contains("'foo'");

        CliRun second = new CliRun();
        assertThat(second.execute("run", "m.onnx", "--shape")).isEqualTo(2);
        assertThat(second.err.toString().strip()).doesNotContain("\n").contains("--shape");
    }

    @Test
    void aFileThatCannotBeReadOrWrittenSaysWhy() throws Exception {
        Path relu = Protos.write(TestModels.chain(4), dir.resolve("chain.onnx"));
        Path missing = dir.resolve("rows.csv");
        assertThat(cli.execute("predict-batch", relu.toString(), "--in", missing.toString(),
                "--out", dir.resolve("preds.csv").toString())).isEqualTo(1);
        assertThat(stderrLine()).contains("no such file or folder");

        CliRun second = new CliRun();
        Path inFolderThatIsAFile = relu.resolve("dump");
        assertThat(second.execute("run", relu.toString(), "--random", "1", "--inspect", "all",
                "--dump", inFolderThatIsAFile.toString())).isEqualTo(1);
        String line = second.err.toString().strip();
        assertThat(line).startsWith("onnx-workbench: Could not create the dump folder")
                .contains(": Not a directory");
    }

    @Test
    void anUnknownInspectNameSuggestsAComputedTensorNotAWeight() throws Exception {
        Path model = Protos.write(TestModels.constantWeights(), dir.resolve("constant_weights.onnx"));
        assertThat(cli.execute("run", model.toString(), "--random", "1", "--inspect", "conv2d_0.tmp_0")).isEqualTo(1);
        assertThat(stderrLine()).contains("no node of the top-level graph produces a tensor named 'conv2d_0.tmp_0'"
                .substring(3)).endsWith("e.g. 'xw'.");
    }
}
