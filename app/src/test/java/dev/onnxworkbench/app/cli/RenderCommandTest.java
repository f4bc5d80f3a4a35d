package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code render} end to end on real files: PNG and SVG out, themes, and one-line refusals with exit 1. */
class RenderCommandTest {
    @TempDir
    Path temp;

    @Test
    void rendersPngAndSvgOfTheTopLevelGraph() throws Exception {
        Path model = Protos.write(TestModels.convNet(), temp.resolve("conv.onnx"));
        Path png = temp.resolve("conv.png");
        Path svg = temp.resolve("conv-dark.svg");

        assertThat(run("render", model.toString(), "--out", png.toString()).code).isZero();
        assertThat(run("render", model.toString(), "--out", svg.toString(), "--theme", "dark").code).isZero();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getHeight()).isGreaterThan(image.getWidth()); // a chain drawn top to bottom
        String text = Files.readString(svg);
        assertThat(text).startsWith("<").contains("<svg").contains("Conv").contains("Gemm").contains("kernel_shape");
    }

    @Test
    void refusesBadOutputAndNonModelsWithOneLine() throws Exception {
        Path model = Protos.write(TestModels.convNet(), temp.resolve("conv.onnx"));
        Path notes = Files.writeString(temp.resolve("notes.txt"), "not a model");

        Result wrongExtension = run("render", model.toString(), "--out", temp.resolve("conv.jpg").toString());
        assertThat(wrongExtension.code).isEqualTo(1);
        assertThat(wrongExtension.err.strip()).isEqualTo("onnx-workbench: --out must end in .png or .svg (got "
                + temp.resolve("conv.jpg") + ").");

        Result notOnnx = run("render", notes.toString(), "--out", temp.resolve("n.png").toString());
        assertThat(notOnnx.code).isEqualTo(1);
        assertThat(notOnnx.err.lines().count()).isEqualTo(1);
        assertThat(notOnnx.err).contains("notes.txt");
        assertThat(temp.resolve("n.png")).doesNotExist();
    }

    private record Result(int code, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cli.execute(args);
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }
}
