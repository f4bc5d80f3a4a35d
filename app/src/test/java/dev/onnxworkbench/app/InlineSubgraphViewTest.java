package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.app.diagram.DiagramFixtures;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramRow;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** If/Loop bodies drawn inline in the graph view, with outer-scope values as dashed edges; screenshots. */
@ExtendWith(ApplicationExtension.class)
class InlineSubgraphViewTest {
    private GraphView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        view = new GraphView();
        view.setId("graph-view");
        scene = new Scene(new StackPane(view), 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void outerScopeValuesBecomeEdgesFromTheirProducersIntoTheBody() throws Exception {
        MappedGraph mapped = DiagramFixtures.map(DiagramFixtures.read(TestModels.controlFlow()));
        DiagramNode ifBox = mapped.diagram().nodes().stream().filter(n -> n.title().equals("If")).findFirst()
                .orElseThrow();
        assertThat(ifBox.subgraphs()).extracting(s -> s.name()).containsExactly("then_branch", "else_branch");
        Diagram then = ifBox.subgraphs().getFirst().diagram();
        DiagramNode add = then.nodes().stream().filter(n -> n.title().equals("Add")).findFirst().orElseThrow();
        assertThat(add.id()).startsWith(ifBox.id() + "/then_branch/");
        // x is an input of the outer graph: the body's Add gets an edge from that terminal; "one" is a weight row.
        assertThat(then.edges()).extracting(DiagramEdge::from, DiagramEdge::to)
                .contains(org.assertj.core.groups.Tuple.tuple("input:x", add.id()));
        assertThat(add.rows()).extracting(DiagramRow::name).contains("B");
        assertThat(mapped.findNode(add.id()).orElseThrow().name()).isEqualTo("then_add");
        assertThat(mapped.node(add.id())).isPresent();

        // Opened alone (double-click), the body takes x through an "outer scope" terminal.
        var model = DiagramFixtures.read(TestModels.controlFlow());
        var ifNode = model.graph().nodes().stream().filter(n -> n.opType().equals("If")).findFirst().orElseThrow();
        MappedGraph alone = new dev.onnxworkbench.app.diagram.DiagramMapper(
                new dev.onnxworkbench.app.diagram.CatalogOperatorLookup(DiagramFixtures.CATALOG))
                .mapAlone(ifNode.subgraphs().getFirst().graph(), dev.onnxworkbench.app.diagram.DiagramOptions.DEFAULT,
                        n -> false, mapped);
        assertThat(alone.diagram().nodes()).anyMatch(n -> n.id().equals("outer:x") && n.subtitle().equals("outer scope"));
        assertThat(alone.diagram().edges()).extracting(DiagramEdge::from).contains("outer:x");
        assertThat(alone.terminalsById()).containsKey("outer:x");

        show(mapped.diagram(), Theme.LIGHT);
        expand(ifBox.id());
        DiagramLayout layout = onFx(view::getLayout);
        int edge = layout.edgeIndexOf(then.edges().stream().filter(e -> e.from().equals("input:x")).findFirst()
                .orElseThrow().id());
        assertThat(layout.isDashed(edge)).isTrue();
        assertThat(layout.edgeTo(edge)).isEqualTo(layout.indexOf(add.id()));
        save("inline-subgraph-outer-scope-light");
        onFx(() -> {
            view.setTheme(Theme.DARK);
            return null;
        });
        save("inline-subgraph-outer-scope-dark");
    }

    @Test
    void clickingThePlusOfAnIfExpandsItInPlaceAndClickingAgainCollapses(FxRobot robot) throws Exception {
        Path model = DiagramFixtures.TEST_DATA.resolve("node/test_if/model.onnx");
        assumeTrue(Files.exists(model), "the ONNX backend test data is not installed");
        MappedGraph mapped = DiagramFixtures.map(DiagramFixtures.read(model));
        DiagramNode ifBox = mapped.diagram().nodes().stream().filter(n -> n.title().equals("If")).findFirst()
                .orElseThrow();
        show(mapped.diagram(), Theme.LIGHT);
        clickPlus(robot, ifBox.id());
        waitForLayout();
        assertThat(onFx(() -> view.getExpandedNodeIds().contains(ifBox.id()))).isTrue();
        DiagramLayout layout = onFx(view::getLayout);
        assertThat(layout.container(layout.indexOf(ifBox.id()))).isNotNull();
        assertThat(layout.nodeCount()).isGreaterThan(mapped.diagram().nodes().size());
        onFx(() -> {
            view.fitToView();
            return null;
        });
        save("inline-subgraph");
        onFx(() -> {
            view.setTheme(Theme.DARK);
            return null;
        });
        save("inline-subgraph-dark");
        clickPlus(robot, ifBox.id());
        waitForLayout();
        assertThat(onFx(() -> view.getLayout().containers())).isEmpty();
    }

    private void clickPlus(FxRobot robot, String id) throws Exception {
        Point2D p = onFx(() -> {
            DiagramLayout l = view.getLayout();
            int i = l.indexOf(id);
            Point2D local = view.getViewport().toView(l.x(i) + l.width(i) - 11, l.y(i) + 10);
            return view.localToScreen(local);
        });
        robot.moveTo(p).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void show(Diagram diagram, Theme theme) throws Exception {
        onFx(() -> {
            WorkbenchTheme t = theme == Theme.DARK ? WorkbenchTheme.DARK : WorkbenchTheme.LIGHT;
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), t.stylesheetUrl());
            view.setTheme(theme);
            view.setDiagram(diagram);
            return null;
        });
        waitForLayout();
    }

    private void expand(String id) throws Exception {
        onFx(() -> {
            view.getExpandedNodeIds().add(id);
            return null;
        });
        waitForLayout();
        onFx(() -> {
            view.fitToView();
            return null;
        });
    }

    private void waitForLayout() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (onFx(() -> !view.isLayingOut() && view.getLayout() != null
                    && view.getLayout().source() == view.getDiagram()
                    && view.getLayout().containers().size() == countExpanded())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new TimeoutException("layout did not finish");
    }

    private int countExpanded() {
        return (int) view.getDiagram().nodes().stream()
                .filter(n -> n.hasInlineBodies() && view.getExpandedNodeIds().contains(n.id())).count();
    }

    private void save(String name) throws Exception {
        onFx(() -> {
            view.applyCss();
            view.redrawNow();
            return null;
        });
        Thread.sleep(150); // the overview raster in the new colours is drawn in the background
        onFx(() -> Screenshots.save(scene, name));
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
