package dev.onnxworkbench.graphview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.render.Palette;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GraphViewTest {
    private static final Path SHOTS = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    static GraphView shown(Diagram diagram, double width, double height) throws Exception {
        return FxTestSupport.onFx(() -> {
            GraphView v = new GraphView();
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(v), width, height));
            stage.show();
            v.setDiagram(diagram);
            return v;
        });
    }

    /** The view-space centre of a node's box. */
    private static Point2D centreOf(GraphView view, String id) throws Exception {
        return FxTestSupport.onFx(() -> {
            DiagramLayout l = view.getLayout();
            int i = l.indexOf(id);
            return view.getViewport().toView(l.x(i) + l.width(i) / 2, l.y(i) + l.height(i) / 2);
        });
    }

    @Test
    void centringPutsTheNodeInTheMiddleAtAReadableZoom() throws Exception {
        GraphView view = shown(TestDiagrams.modelLike(150, 5), 900, 640);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.fitToView();
            view.centerOn("n120");
            view.redrawNow();
            return null;
        });
        Point2D c = centreOf(view, "n120");
        assertThat(c.getX()).isCloseTo(450, within(2.0));
        assertThat(c.getY()).isCloseTo(320, within(2.0));
        assertThat(view.getZoom()).isGreaterThanOrEqualTo(ViewportModel.READABLE_SCALE);
    }

    @Test
    void selectionAndSearchHitsAreDrawnInTheirCssColours() throws Exception {
        GraphView view = shown(TestDiagrams.modelLike(40, 5), 700, 600);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.setSelectedNodeId("n10");
            view.getHighlightedNodeIds().add("n12");
            view.centerOn("n10");
            view.redrawNow();
            return null;
        });
        for (String id : new String[] {"n10", "n12"}) {
            Color expected = FxTestSupport.onFx(() -> id.equals("n10") ? view.getPalette().selection()
                    : view.getPalette().searchHit());
            Point2D justOutside = FxTestSupport.onFx(() -> {
                DiagramLayout l = view.getLayout();
                int i = l.indexOf(id);
                return view.getViewport().toView(l.x(i) + l.width(i) / 2, l.y(i) - 2.5);
            });
            Color seen = pixel(view, justOutside);
            assertThat(distance(seen, expected)).as("ring around %s", id).isLessThan(0.12);
        }
        snapshot(view, "graphview-control-light.png");
        FxTestSupport.onFx(() -> {
            view.setTheme(Theme.DARK);
            return null;
        });
        snapshot(view, "graphview-control-dark.png");
    }

    @Test
    void themesComeFromCssAndExportsUseTheSameColours() throws Exception {
        GraphView view = shown(TestDiagrams.modelLike(10, 2), 400, 400);
        waitForLayout(view);
        for (Theme theme : Theme.values()) {
            Palette resolved = FxTestSupport.onFx(() -> {
                view.setTheme(theme);
                view.applyCss();
                view.redrawNow();
                return view.getPalette();
            });
            assertThat(resolved).isEqualTo(Palette.of(theme));
            assertThat(pixel(view, new Point2D(2, 2))).isEqualTo(resolved.background());
        }
        assertThat(Palette.of(Theme.DARK).background()).isNotEqualTo(Palette.of(Theme.LIGHT).background());
        // An application style sheet re-themes the graph through the looked-up colours.
        Color accent = FxTestSupport.onFx(() -> {
            view.getScene().getStylesheets().add("data:text/css,.graph-view%7B-gv-accent:%23ff00ff;-gv-surface:%23102030;%7D");
            view.applyCss();
            return view.getPalette().selection();
        });
        assertThat(accent).isEqualTo(Color.web("#ff00ff"));
        assertThat(FxTestSupport.onFx(() -> view.getPalette().background())).isEqualTo(Color.web("#102030"));
    }

    @Test
    void fitShowsTheWholeGraphAndActualSizeStaysOnIt() throws Exception {
        GraphView view = shown(TestDiagrams.modelLike(3000, 9), 1280, 800);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.panBy(-50_000, -90_000); // lost far away
            view.fitToView();
            view.redrawNow();
            DiagramLayout l = view.getLayout();
            Viewport v = view.getViewport();
            Point2D topLeft = v.toView(0, 0);
            Point2D bottomRight = v.toView(l.width(), l.height());
            assertThat(topLeft.getX()).isGreaterThanOrEqualTo(-0.5);
            assertThat(topLeft.getY()).isGreaterThanOrEqualTo(-0.5);
            assertThat(bottomRight.getX()).isLessThanOrEqualTo(1280.5);
            assertThat(bottomRight.getY()).isLessThanOrEqualTo(800.5);
            // Actual size from the fitted view keeps a box on screen (never blank space).
            view.actualSize();
            view.redrawNow();
            assertThat(view.getZoom()).isEqualTo(1.0);
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> skin(view).viewport().anyNodeInView(view.getLayout()))).isTrue();
        // With a selection, actual size centres on it; Shortcut+0 / Shortcut+1 do the same as the menu.
        FxTestSupport.onFx(() -> {
            view.setSelectedNodeId("n2500");
            Event.fireEvent(view, key(KeyCode.DIGIT0));
            assertThat(view.getZoom()).isLessThan(0.1);
            Event.fireEvent(view, key(KeyCode.DIGIT1));
            view.redrawNow();
            return null;
        });
        Point2D c = centreOf(view, "n2500");
        assertThat(c.getX()).isCloseTo(640, within(2.0));
        assertThat(c.getY()).isCloseTo(400, within(2.0));
        assertThat(view.getZoom()).isEqualTo(1.0);
    }

    @Test
    void firstViewOfALargeGraphStartsReadableAtTheInputsAndTheMinimapShowsItAll() throws Exception {
        GraphView view = shown(TestDiagrams.modelLike(5000, 4), 1280, 800);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.redrawNow();
            assertThat(view.getZoom()).isGreaterThanOrEqualTo(ViewportModel.READABLE_SCALE);
            return null;
        });
        Point2D input = centreOf(view, "input");
        assertThat(input.getX()).isBetween(0.0, 1280.0);
        assertThat(input.getY()).isBetween(0.0, 200.0);
        waitForMinimap(view);
        FxTestSupport.onFx(() -> {
            GraphViewSkin s = skin(view);
            DiagramLayout l = view.getLayout();
            Minimap m = s.minimap();
            // The whole drawing maps inside the minimap.
            assertThat(l.width() * m.scaleX()).isLessThanOrEqualTo(m.canvas().getWidth() + 0.5);
            assertThat(l.height() * m.scaleY()).isLessThanOrEqualTo(m.canvas().getHeight() + 0.5);
            return null;
        });
    }

    @Test
    void aNewDiagramCancelsTheStaleLayoutAndClearsTheOldDrawing() throws Exception {
        Diagram small = TestDiagrams.modelLike(20, 1);
        GraphView view = shown(small, 600, 400);
        waitForLayout(view);
        Diagram big = TestDiagrams.modelLike(60_000, 3);
        Diagram next = TestDiagrams.modelLike(30, 2);
        FxTestSupport.onFx(() -> {
            view.setDiagram(big);
            // No frame shows the old graph under "Laying out…".
            assertThat(view.getLayout()).isNull();
            assertThat(view.isLayingOut()).isTrue();
            view.setDiagram(next);
            return null;
        });
        waitForLayout(view);
        assertThat(FxTestSupport.onFx(() -> view.getLayout().source())).isSameAs(next);
        FxTestSupport.onFx(() -> {
            view.setDiagram(big);
            view.cancelLayout();
            assertThat(view.isLayingOut()).isFalse();
            assertThat(view.getLayout()).isNull();
            return null;
        });
    }

    @Test
    void expandingInPlaceKeepsTheBoxWhereItWasOnScreen() throws Exception {
        GraphView view = shown(TestDiagrams.nestedIf(), 900, 700);
        waitForLayout(view);
        Point2D before = FxTestSupport.onFx(() -> {
            view.centerOn("if");
            DiagramLayout l = view.getLayout();
            int i = l.indexOf("if");
            Point2D p = view.getViewport().toView(l.x(i), l.y(i));
            view.toggleExpanded("if");
            return p;
        });
        long deadline = System.currentTimeMillis() + 30_000;
        while (FxTestSupport.onFx(() -> view.getLayout() == null || view.getLayout().containers().isEmpty())) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(20);
        }
        Point2D after = FxTestSupport.onFx(() -> {
            view.redrawNow();
            DiagramLayout l = view.getLayout();
            int i = l.indexOf("if");
            return view.getViewport().toView(l.x(i), l.y(i));
        });
        assertThat(after.getX()).isCloseTo(before.getX(), within(0.5));
        assertThat(after.getY()).isCloseTo(before.getY(), within(0.5));
    }

    @Test
    void centringOnANodeInACollapsedBodyExpandsTheBodiesAroundIt() throws Exception {
        GraphView view = shown(TestDiagrams.nestedIf(), 900, 700);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.centerOn("if/then/loop/body/m");
            return null;
        });
        long deadline = System.currentTimeMillis() + 30_000;
        while (FxTestSupport.onFx(() -> view.getLayout() == null || view.getLayout().indexOf("if/then/loop/body/m") < 0
                || view.isLayingOut())) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(FxTestSupport.onFx(() -> Set.copyOf(view.getExpandedNodeIds()))).containsExactlyInAnyOrder("if",
                "if/then/loop");
        FxTestSupport.onFx(view::redrawNow);
        Point2D c = centreOf(view, "if/then/loop/body/m");
        assertThat(c.getX()).isCloseTo(450, within(2.0));
        assertThat(c.getY()).isCloseTo(350, within(2.0));
    }

    @Test
    void disposeRemovesTheKeyHandler() throws Exception {
        GraphView view = shown(TestDiagrams.modelLike(50, 1), 600, 400);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            double before = view.getZoom();
            view.setSkin(null); // disposes the skin
            KeyEvent plus = new KeyEvent(KeyEvent.KEY_PRESSED, "+", "+", KeyCode.PLUS, false, false, false, false);
            Event.fireEvent(view, plus);
            assertThat(plus.isConsumed()).isFalse();
            assertThat(view.getZoom()).isEqualTo(before);
            return null;
        });
    }

    @Test
    void clickingANodeSelectsItAndDoubleClickOpensIt() throws Exception {
        AtomicReference<DiagramNode> opened = new AtomicReference<>();
        GraphView view = shown(TestDiagrams.modelLike(10, 1), 600, 900);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.setOnNodeOpen(opened::set);
            view.centerOn("n3");
            view.redrawNow();
            var canvas = view.getChildrenUnmodifiable().get(0);
            for (int clicks = 1; clicks <= 2; clicks++) {
                Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_PRESSED, 300, 450, clicks));
                Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_RELEASED, 300, 450, clicks));
            }
            return null;
        });
        assertThat(FxTestSupport.onFx(view::getSelectedNodeId)).isEqualTo("n3");
        assertThat(opened.get()).isNotNull();
        assertThat(opened.get().id()).isEqualTo("n3");
    }

    @Test
    void aRightClickSelectsWhatIsUnderThePointerAndAsksForItsMenu() throws Exception {
        java.util.List<DiagramContextRequest> requests = new java.util.ArrayList<>();
        java.util.List<String> selectedThen = new java.util.ArrayList<>();
        GraphView view = shown(TestDiagrams.modelLike(10, 1), 600, 900);
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.setOnContextMenuRequest(r -> {
                requests.add(r);
                selectedThen.add(String.valueOf(view.getSelectedNodeId()));
            });
            view.centerOn("n3");
            view.redrawNow();
            var canvas = view.getChildrenUnmodifiable().get(0);
            Event.fireEvent(canvas, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 300, 450, 1300, 1450, false, null));
            Event.fireEvent(canvas, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 2, 2, 1002, 1002, false, null));
            view.setSelectedNodeId("n3");
            Event.fireEvent(canvas, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 0, 0, 0, 0, true, null));
            return null;
        });
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).node().id()).as("the box under the pointer").isEqualTo("n3");
        assertThat(requests.get(0).screenX()).isEqualTo(1300);
        assertThat(requests.get(1).isEmpty()).as("the empty canvas: neither node nor edge").isTrue();
        assertThat(selectedThen).as("selected when the menu is asked for; a click on nothing clears the selection")
                .containsExactly("n3", "null", "n3");
        assertThat(requests.get(2).node().id()).as("from the keyboard: the selected box").isEqualTo("n3");
    }

    static GraphViewSkin skin(GraphView view) {
        return (GraphViewSkin) view.getSkin();
    }

    private static KeyEvent key(KeyCode code) {
        boolean mac = System.getProperty("os.name", "").toLowerCase().contains("mac");
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, !mac, false, mac);
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y, int clicks) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, clicks, false, false, false, false, true, false,
                false, false, false, true, null);
    }

    static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }

    static Color pixel(GraphView view, Point2D p) throws Exception {
        return FxTestSupport.onFx(() -> {
            view.redrawNow();
            WritableImage image = view.snapshot(null, null);
            return image.getPixelReader().getColor((int) Math.round(p.getX()), (int) Math.round(p.getY()));
        });
    }

    /** The minimap appears once the overview raster, drawn after the first frame, is ready. */
    static void waitForMinimap(GraphView view) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!FxTestSupport.onFx(() -> {
            view.redrawNow();
            return skin(view).minimapShown();
        })) {
            assertThat(System.currentTimeMillis()).as("minimap shown in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static void waitForLayout(GraphView view) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            boolean ready = FxTestSupport.onFx(() -> !view.isLayingOut() && view.getLayout() != null
                    && view.getLayout().source() == view.getDiagram()
                    && view.getLayout().direction() == view.getDirection());
            if (ready) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("layout did not finish");
    }

    static void snapshot(GraphView view, String name) throws Exception {
        var image = FxTestSupport.onFx(() -> {
            view.applyCss();
            view.redrawNow();
            return view.getScene().snapshot(null);
        });
        Files.createDirectories(SHOTS);
        ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", SHOTS.resolve(name).toFile());
    }
}
