package dev.onnxworkbench.graphview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import javafx.geometry.Point2D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 50,000-node graph at 1280×800: the first view reads like Netron's (inputs at the top, text at full size). */
class FirstViewLargeTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @Test
    void firstViewOfFiftyThousandNodesIsReadableFromTheInputs() throws Exception {
        Diagram diagram = TestDiagrams.modelLike(50_000, 15);
        GraphView view = GraphViewTest.shown(diagram, 1280, 800);
        GraphViewTest.waitForLayout(view);
        FxTestSupport.onFx(() -> {
            view.redrawNow();
            DiagramLayout l = view.getLayout();
            assertThat(l.nodeCount()).isGreaterThanOrEqualTo(50_000);
            assertThat(view.getZoom()).isGreaterThanOrEqualTo(ViewportModel.READABLE_SCALE);
            int input = l.indexOf("input");
            Point2D p = view.getViewport().toView(l.x(input), l.y(input));
            assertThat(p.getX()).isBetween(0.0, 1280.0 - l.width(input));
            assertThat(p.getY()).isBetween(0.0, 120.0);
            return null;
        });
        GraphViewTest.waitForMinimap(view);
        Thread.sleep(200); // raster for the minimap in the final colours
        GraphViewTest.snapshot(view, "first-view-large.png");
        FxTestSupport.onFx(() -> {
            view.setTheme(Theme.DARK);
            view.applyCss();
            return null;
        });
        Thread.sleep(1500); // the dark overview raster is drawn in the background
        GraphViewTest.snapshot(view, "first-view-large-dark.png");
        FxTestSupport.onFx(() -> {
            view.fitToView();
            return null;
        });
        GraphViewTest.snapshot(view, "first-view-large-fit-dark.png");
    }
}
