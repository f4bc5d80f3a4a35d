package dev.onnxworkbench.graphview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
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

    @Test
    void laysOutSelectsCentresAndHighlightsInBothThemes() throws Exception {
        Diagram diagram = TestDiagrams.modelLike(150, 5);
        GraphView view = FxTestSupport.onFx(() -> {
            GraphView v = new GraphView();
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(v), 900, 640));
            stage.show();
            v.setDiagram(diagram);
            return v;
        });
        waitForLayout(view);
        String target = "n120";
        FxTestSupport.onFx(() -> {
            view.setSelectedNodeId(target);
            view.getHighlightedNodeIds().add("n118");
            view.centerOn(target);
            return null;
        });
        FxTestSupport.onFx(() -> {
            var layout = view.getLayout();
            int i = layout.indexOf(target);
            assertThat(layout.nodeCount()).isEqualTo(diagram.nodes().size());
            assertThat(view.getZoom()).isGreaterThanOrEqualTo(0.8);
            // The centred node's box is in the middle of the 900×640 view.
            double cx = (layout.x(i) + layout.width(i) / 2) * view.getZoom();
            assertThat(cx).isPositive();
            return null;
        });
        for (Theme theme : Theme.values()) {
            snapshot(view, theme, "graphview-control-" + theme.name().toLowerCase() + ".png");
        }
        FxTestSupport.onFx(() -> {
            view.fitToView();
            assertThat(view.getZoom()).isLessThan(1);
            view.setDirection(LayoutDirection.LEFT_TO_RIGHT);
            return null;
        });
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            assertThat(view.getLayout().direction()).isEqualTo(LayoutDirection.LEFT_TO_RIGHT);
            return null;
        });
    }

    @Test
    void clickingANodeSelectsItAndDoubleClickOpensIt() throws Exception {
        Diagram diagram = TestDiagrams.modelLike(10, 1);
        AtomicReference<DiagramNode> opened = new AtomicReference<>();
        GraphView view = FxTestSupport.onFx(() -> {
            GraphView v = new GraphView();
            v.setOnNodeOpen(opened::set);
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(v), 600, 900));
            stage.show();
            v.setDiagram(diagram);
            return v;
        });
        waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.actualSize();
            view.centerOn("n3");
            view.redrawNow();
            var canvas = view.lookup(".graph-view > Canvas") != null ? view.lookup(".graph-view > Canvas")
                    : view.getChildrenUnmodifiable().get(0);
            double x = 300;
            double y = 450;
            for (int clicks = 1; clicks <= 2; clicks++) {
                javafx.event.Event.fireEvent(canvas, mouse(javafx.scene.input.MouseEvent.MOUSE_PRESSED, x, y, clicks));
                javafx.event.Event.fireEvent(canvas, mouse(javafx.scene.input.MouseEvent.MOUSE_RELEASED, x, y, clicks));
            }
            return null;
        });
        assertThat(FxTestSupport.onFx(view::getSelectedNodeId)).isEqualTo("n3");
        assertThat(opened.get()).isNotNull();
        assertThat(opened.get().id()).isEqualTo("n3");
    }

    private static javafx.scene.input.MouseEvent mouse(javafx.event.EventType<javafx.scene.input.MouseEvent> type,
                                                       double x, double y, int clicks) {
        return new javafx.scene.input.MouseEvent(type, x, y, x, y, javafx.scene.input.MouseButton.PRIMARY, clicks,
                false, false, false, false, true, false, false, false, false, true, null);
    }

    static void waitForLayout(GraphView view) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            boolean ready = FxTestSupport.onFx(() -> !view.isLayingOut() && view.getLayout() != null
                    && view.getLayout().diagram() == view.getDiagram()
                    && view.getLayout().direction() == view.getDirection());
            if (ready) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("layout did not finish");
    }

    private static void snapshot(GraphView view, Theme theme, String name) throws Exception {
        var image = FxTestSupport.onFx(() -> {
            view.setTheme(theme);
            view.redrawNow();
            return view.getScene().snapshot(null);
        });
        Files.createDirectories(SHOTS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SHOTS.resolve(name).toFile());
    }
}
