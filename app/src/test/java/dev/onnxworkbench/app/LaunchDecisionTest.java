package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.cli.WorkbenchCommand;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchDecisionTest {
    private static final Set<String> VERBS = Set.of("info", "render", "help");

    @TempDir
    Path dir;

    @Test
    void registeredSubcommandsAreVerbsWithoutASecondList() {
        assertThat(WorkbenchCommand.verbs()).contains("info", "render", "run", "verify", "bench", "help");
    }

    @Test
    void aRegisteredVerbRunsTheCommandLine() {
        assertThat(LaunchDecision.of(new String[] {"info", "x.onnx"}, VERBS, false, p -> false))
                .isInstanceOf(LaunchDecision.RunVerb.class);
        assertThat(LaunchDecision.of(new String[] {"--version"}, VERBS, false, p -> false))
                .isInstanceOf(LaunchDecision.RunVerb.class);
    }

    @Test
    void anUnknownVerbIsOneLineEvenWithADisplay() {
        var d = LaunchDecision.of(new String[] {"nosuchverb", "a.onnx"}, VERBS, true, p -> false);
        assertThat(d).isInstanceOf(LaunchDecision.Refuse.class);
        var refuse = (LaunchDecision.Refuse) d;
        assertThat(refuse.message()).contains("'nosuchverb'").contains("info, render").doesNotContain("\n");
        assertThat(refuse.exitCode()).isNotZero();
    }

    @Test
    void anExistingFileOpensTheWindowWhenThereIsADisplay() throws IOException {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        String[] args = {model.toString()};
        assertThat(LaunchDecision.of(args, VERBS, true, Files::exists)).isInstanceOf(LaunchDecision.OpenWindow.class);
        assertThat(LaunchDecision.of(args, VERBS, false, Files::exists)).isInstanceOf(LaunchDecision.Refuse.class);
    }

    @Test
    void aMissingFileWithoutADisplayIsOneLine() {
        var d = LaunchDecision.of(new String[] {"missing.onnx"}, VERBS, false, p -> false);
        assertThat(d).isEqualTo(new LaunchDecision.Refuse("missing.onnx does not exist", LaunchDecision.USAGE));
        // With a display the window opens and says so in its banner, as for a file dropped on it.
        assertThat(LaunchDecision.of(new String[] {"missing.onnx"}, VERBS, true, p -> false))
                .isInstanceOf(LaunchDecision.OpenWindow.class);
    }

    @Test
    void aFolderIsRefused() {
        var d = LaunchDecision.of(new String[] {dir.toString()}, VERBS, true, Files::exists);
        assertThat(d).isInstanceOf(LaunchDecision.Refuse.class);
    }

    /** The real entry point in its own process, with no display: one line, non-zero, no stack trace. */
    @Test
    void theLauncherEntryPointPrintsOneLineForAnUnknownVerb() throws Exception {
        Result r = runMain("nosuchverb", "x.onnx");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip().lines().toList()).hasSize(1);
        assertThat(r.err).startsWith("onnx-workbench: 'nosuchverb' is not a command").doesNotContain("Exception");
        assertThat(runMain(dir.resolve("missing.onnx").toString()).err.strip())
                .isEqualTo("onnx-workbench: " + dir.resolve("missing.onnx") + " does not exist");
    }

    private record Result(int exit, String err) {}

    private static Result runMain(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), err);
    }
}
