package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.render.PagedPng;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code render} end to end on real files: PNG and SVG out, themes, and one-line refusals with their exit codes. */
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
        assertThat(wrongExtension.code).isEqualTo(2); // usage
        assertThat(wrongExtension.err.strip()).isEqualTo("onnx-workbench: --out must end in .png or .svg (got "
                + temp.resolve("conv.jpg") + ").");

        Result notOnnx = run("render", notes.toString(), "--out", temp.resolve("n.png").toString());
        assertThat(notOnnx.code).isEqualTo(4); // model unreadable
        assertThat(notOnnx.err.lines().count()).isEqualTo(1);
        assertThat(notOnnx.err).contains("notes.txt");
        assertThat(temp.resolve("n.png")).doesNotExist();
    }

    /** A tall graph becomes pages at a readable scale, each named on stdout (before: one image, text ~7 px). */
    @Test
    void aTallGraphIsWrittenAsReadablePages() throws Exception {
        Path model = Protos.write(TestModels.chain(400), temp.resolve("chain.onnx"));
        CliRun cli = new CliRun();
        assertThat(cli.execute("render", model.toString(), "--out", temp.resolve("chain.png").toString())).isZero();
        List<String> lines = cli.out.toString().lines().toList();
        assertThat(lines).hasSizeGreaterThan(1).allMatch(l -> l.startsWith("wrote "));
        assertThat(lines.getFirst()).isEqualTo("wrote " + temp.resolve("chain-1.png"));
        assertThat(temp.resolve("chain.png")).doesNotExist();
        int pageWidth = -1;
        for (int i = 1; i <= lines.size(); i++) {
            BufferedImage page = ImageIO.read(temp.resolve("chain-" + i + ".png").toFile());
            assertThat(page.getHeight()).isLessThanOrEqualTo((int) (PagedPng.PAGE_PIXELS * 1.1) + 1);
            pageWidth = page.getWidth();
        }
        // --single keeps one image: narrower, since it is scaled down to fit the side limit.
        CliRun single = new CliRun();
        assertThat(single.execute("render", model.toString(), "--out", temp.resolve("one.png").toString(), "--single")).isZero();
        assertThat(single.out.toString().strip()).isEqualTo("wrote " + temp.resolve("one.png"));
        BufferedImage one = ImageIO.read(temp.resolve("one.png").toFile());
        assertThat(one.getHeight()).isLessThanOrEqualTo(PagedPng.MAX_SIDE);
        assertThat(one.getWidth() * PagedPng.PAGE_SCALE).isLessThan(pageWidth);
    }

    @Test
    void pageCutsFallInGapsBetweenBoxes() {
        // Boxes at [0,50], [100,150], [200,250], [300,350]; pages of at most 160 (evened out to ~140).
        double[] starts = {0, 100, 200, 300};
        double[] ends = {50, 150, 250, 350};
        List<Double> cuts = PagedPng.cuts(starts, ends, 350, 160);
        assertThat(cuts).containsExactly(75.0, 175.0, 275.0, 350.0);
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
