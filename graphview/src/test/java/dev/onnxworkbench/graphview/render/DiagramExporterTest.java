package dev.onnxworkbench.graphview.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.FxTestSupport;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.TestDiagrams;
import dev.onnxworkbench.graphview.Theme;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DiagramExporterTest {
    private static final Path SHOTS = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @Test
    void pngOfASmallGraphIsCrispAndOfTheBackgroundColour() throws Exception {
        Diagram diagram = TestDiagrams.modelLike(40, 7);
        for (Theme theme : Theme.values()) {
            Path png = SHOTS.resolve("graphview-export-" + theme.name().toLowerCase() + ".png");
            DiagramExporter.writePng(diagram, LayoutDirection.TOP_TO_BOTTOM, theme, png);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isBetween(200, DiagramExporter.MAX_SIDE);
            assertThat(image.getHeight()).isBetween(400, DiagramExporter.MAX_SIDE);
            int corner = image.getRGB(1, 1) & 0xffffff;
            int expected = Integer.parseInt(Palette.css(Palette.of(theme).background()).substring(1), 16);
            assertThat(corner).isEqualTo(expected);
        }
    }

    @Test
    void pngOfAHugeGraphStaysWithinThePixelBudget() throws Exception {
        Path png = SHOTS.resolve("graphview-export-20k.png");
        DiagramExporter.writePng(TestDiagrams.modelLike(20_000, 3), LayoutDirection.TOP_TO_BOTTOM, Theme.LIGHT, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat((double) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(DiagramExporter.MAX_PIXELS * 1.01);
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(DiagramExporter.MAX_SIDE + 1);
    }

    @Test
    void svgHasOneGroupPerNodeWithItsCategoryClass() throws Exception {
        Diagram diagram = TestDiagrams.modelLike(300, 11);
        Path svg = Files.createTempFile("graph", ".svg");
        DiagramExporter.writeSvg(diagram, LayoutDirection.LEFT_TO_RIGHT, Theme.DARK, svg);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        NodeList groups = doc.getElementsByTagName("g");
        int nodes = 0;
        int conv = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            String cls = ((Element) groups.item(i)).getAttribute("class");
            if (cls.startsWith("node ")) {
                nodes++;
            }
            if (cls.equals("node node-layer")) {
                conv++;
            }
        }
        assertThat(nodes).isEqualTo(diagram.nodes().size());
        assertThat(conv).isPositive();
        assertThat(doc.getElementsByTagName("path").getLength()).isGreaterThanOrEqualTo(diagram.edges().size());
    }
}
