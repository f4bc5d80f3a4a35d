package dev.onnxworkbench.graphview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.graphview.render.DiagramExporter;
import dev.onnxworkbench.graphview.render.Palette;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecorationsTest {
    private static final Path SHOTS = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    /** input → a (Conv) → b (Relu) → output, with shapes on the edges. */
    private static Diagram chain() {
        List<DiagramNode> nodes = List.of(
                new DiagramNode("in", DiagramNode.Kind.INPUT, "x", "", "", List.of(), false),
                new DiagramNode("a", DiagramNode.Kind.OPERATOR, "Conv", "", "layer",
                        List.of(new DiagramRow(DiagramRow.Kind.WEIGHT, "W", "⟨8×3×3×3⟩")), false),
                new DiagramNode("b", DiagramNode.Kind.OPERATOR, "Relu", "", "activation", List.of(), false),
                new DiagramNode("out", DiagramNode.Kind.OUTPUT, "y", "", "", List.of(), false));
        List<DiagramEdge> edges = List.of(
                new DiagramEdge("x->a", "in", "a", "N×3×H×W", "x"),
                new DiagramEdge("t->b", "a", "b", "N×8×H×W", "t"),
                new DiagramEdge("y->out", "b", "out", "", "y"));
        return new Diagram(nodes, edges);
    }

    @Test
    void builderCombinesPerIdAndIsImmutable() {
        Decorations.Builder builder = Decorations.builder()
                .fill("a", Color.RED)
                .badge("a", "12.3 ms")
                .outline("a", Outline.ERROR, true)
                .edgeLabel("x->a", "1×3×64×64")
                .edgeStyle("x->a", Color.BLUE, 2, true);
        Decorations d = builder.build();
        builder.badge("b", "NaN");
        assertThat(d.node("a")).isEqualTo(new NodeDecoration(Color.RED, Outline.ERROR, true, "12.3 ms", ""));
        assertThat(d.node("b")).isNull();
        assertThat(d.edge("x->a")).isEqualTo(new EdgeDecoration("1×3×64×64", Color.BLUE, 2, true, ""));
        assertThat(d.toBuilder().clearNode("a").clearEdge("x->a").build()).isSameAs(Decorations.NONE);
        assertThatThrownBy(() -> d.nodes().put("c", NodeDecoration.badge("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> EdgeDecoration.style(Color.RED, -1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decorationsRepaintWithoutLayingOutAgainAndReportEdgeHoverAndClicks() throws Exception {
        AtomicReference<DiagramEdge> clickedEdge = new AtomicReference<>();
        AtomicReference<DiagramNode> clickedNode = new AtomicReference<>();
        GraphView view = FxTestSupport.onFx(() -> {
            GraphView v = new GraphView();
            v.setOnEdgeClicked(clickedEdge::set);
            v.setOnNodeClicked(clickedNode::set);
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(v), 500, 500));
            stage.show();
            v.setDiagram(chain());
            return v;
        });
        GraphViewTest.waitForLayout(view);
        var layout = FxTestSupport.onFx(() -> {
            view.actualSize();
            view.centerOn("a");
            view.redrawNow();
            return view.getLayout();
        });
        int a = layout.indexOf("a");
        Point2D bodyCentre = FxTestSupport.onFx(() -> view.getViewport().toView(layout.x(a) + layout.width(a) / 2,
                layout.y(a) + layout.height(a) - 5));
        Color before = pixel(view, bodyCentre);

        FxTestSupport.onFx(() -> {
            view.setDecorations(Decorations.builder()
                    .fill("a", Color.rgb(255, 0, 0, 0.9))
                    .outline("a", Outline.ERROR, false)
                    .badge("a", "12.3 ms")
                    .edgeLabel("x->a", "1×3×64×64")
                    .edgeStyle("t->b", Color.LIME, 3, true)
                    .build());
            view.redrawNow();
            return null;
        });
        assertThat(FxTestSupport.onFx(view::getLayout)).isSameAs(layout);
        assertThat(FxTestSupport.onFx(view::isLayingOut)).isFalse();
        Color tinted = pixel(view, bodyCentre);
        assertThat(tinted.getRed()).isGreaterThan(0.85);
        assertThat(tinted.getGreen()).isLessThan(0.3);
        assertThat(before).isNotEqualTo(tinted);
        for (Theme theme : Theme.values()) {
            FxTestSupport.onFx(() -> {
                view.setTheme(theme);
                view.redrawNow();
                return null;
            });
            save(view, "graphview-decorations-" + theme.name().toLowerCase() + ".png");
        }

        // Hover and click on the edge a → b, halfway along its route.
        int e = layout.edgeIndexOf("t->b");
        double[] r = layout.route(e);
        Point2D onEdge = FxTestSupport.onFx(() -> view.getViewport().toView((r[0] + r[r.length - 2]) / 2,
                (r[1] + r[r.length - 1]) / 2));
        FxTestSupport.onFx(() -> {
            Node canvas = view.getChildrenUnmodifiable().get(0);
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_MOVED, onEdge, 0));
            assertThat(view.getHoveredEdge()).isNotNull();
            assertThat(view.getHoveredEdge().id()).isEqualTo("t->b");
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_PRESSED, onEdge, 1));
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_RELEASED, onEdge, 1));
            Point2D onNode = view.getViewport().toView(layout.x(a) + 10, layout.y(a) + 10);
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_PRESSED, onNode, 1));
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_RELEASED, onNode, 1));
            return null;
        });
        assertThat(clickedEdge.get().value()).isEqualTo("t");
        assertThat(clickedNode.get().id()).isEqualTo("a");

        FxTestSupport.onFx(() -> {
            view.setTheme(Theme.LIGHT);
            view.clearDecorations();
            view.redrawNow();
            return null;
        });
        assertThat(pixel(view, bodyCentre)).isEqualTo(before);
    }

    @Test
    void exportsDrawTheDecorations() throws Exception {
        GraphView view = FxTestSupport.onFx(() -> {
            GraphView v = new GraphView();
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(v), 400, 400));
            stage.show();
            v.setDiagram(chain());
            return v;
        });
        GraphViewTest.waitForLayout(view);
        var layout = FxTestSupport.onFx(view::getLayout);
        Decorations decorations = Decorations.builder()
                .fill("a", Color.rgb(0, 0, 255))
                .badge("b", "NaN")
                .outline("b", Outline.ADDED, true)
                .edgeLabel("x->a", "1×3×64×64")
                .build();
        Palette palette = Palette.of(Theme.LIGHT);
        Path png = SHOTS.resolve("graphview-export-decorated.png");
        DiagramExporter.writePng(layout, palette, decorations, png);
        BufferedImage image = ImageIO.read(png.toFile());
        double k = image.getWidth() / layout.width();
        int a = layout.indexOf("a");
        int rgb = image.getRGB((int) ((layout.x(a) + layout.width(a) / 2) * k),
                (int) ((layout.y(a) + layout.height(a) - 4) * k)) & 0xffffff;
        assertThat(rgb).isEqualTo(0x0000ff);

        Path svg = Files.createTempFile("decorated", ".svg");
        DiagramExporter.writeSvg(layout, palette, decorations, svg);
        String text = Files.readString(svg);
        assertThat(text).contains(">NaN</text>", "class=\"edge-label actual\"", ">1×3×64×64</text>",
                "class=\"outline dashed\"", "fill:#0000ff");
        assertThat(text).doesNotContain(">N×3×H×W<");
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, Point2D p, int clicks) {
        return new MouseEvent(type, p.getX(), p.getY(), p.getX(), p.getY(), MouseButton.PRIMARY, clicks, false, false,
                false, false, type != MouseEvent.MOUSE_MOVED, false, false, false, false, true, null);
    }

    private static Color pixel(GraphView view, Point2D p) throws Exception {
        return FxTestSupport.onFx(() -> {
            WritableImage image = view.snapshot(null, null);
            return image.getPixelReader().getColor((int) p.getX(), (int) p.getY());
        });
    }

    private static void save(GraphView view, String name) throws Exception {
        WritableImage image = FxTestSupport.onFx(() -> view.getScene().snapshot(null));
        Files.createDirectories(SHOTS);
        ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", SHOTS.resolve(name).toFile());
    }
}
