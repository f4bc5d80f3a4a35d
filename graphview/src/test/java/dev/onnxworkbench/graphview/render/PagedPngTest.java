package dev.onnxworkbench.graphview.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.FxTestSupport;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.TestDiagrams;
import dev.onnxworkbench.graphview.Theme;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's File ▸ Export Graph as PNG: tall graphs as readable pages, small ones as one image. */
class PagedPngTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @Test
    void aTallGraphIsWrittenAsPagesWhoseTextStaysReadable() throws Exception {
        Path out = dir.resolve("tall.png");
        List<Path> files = PagedPng.writeReadable(TestDiagrams.modelLike(1_500, 5), LayoutDirection.TOP_TO_BOTTOM,
                Theme.LIGHT, out);
        assertThat(files).hasSizeGreaterThan(1);
        assertThat(files.getFirst()).isEqualTo(dir.resolve("tall-1.png"));
        assertThat(out).doesNotExist();
        for (Path page : files) {
            BufferedImage image = ImageIO.read(page.toFile());
            assertThat(image.getHeight()).isLessThanOrEqualTo((int) (PagedPng.PAGE_PIXELS * 1.1) + 1);
            assertThat(image.getWidth()).isLessThanOrEqualTo(PagedPng.MAX_SIDE);
            // Pages are drawn at the page scale, not shrunk to fit one image: the width follows the layout's.
            assertThat(image.getWidth()).isGreaterThan(400);
        }
    }

    @Test
    void aSmallGraphStaysOneImage() throws Exception {
        Path out = dir.resolve("small.png");
        List<Path> files = PagedPng.writeReadable(TestDiagrams.modelLike(40, 7), LayoutDirection.TOP_TO_BOTTOM,
                Theme.DARK, out);
        assertThat(files).containsExactly(out);
        assertThat(Files.size(out)).isPositive();
        assertThat(dir.resolve("small-1.png")).doesNotExist();
    }
}
