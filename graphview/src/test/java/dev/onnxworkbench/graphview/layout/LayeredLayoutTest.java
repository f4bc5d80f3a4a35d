package dev.onnxworkbench.graphview.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.FxTestSupport;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.TestDiagrams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayeredLayoutTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @ParameterizedTest(name = "{0} nodes, {1}")
    @CsvSource({"1000, TOP_TO_BOTTOM", "1000, LEFT_TO_RIGHT", "50000, TOP_TO_BOTTOM"})
    void boxesNeverOverlapAndEdgesJoinTheirBoxes(int size, LayoutDirection direction) {
        Diagram diagram = TestDiagrams.modelLike(size, 42);
        DiagramLayout layout = LayeredLayout.compute(diagram, direction);

        assertThat(layout.nodeCount()).isEqualTo(diagram.nodes().size());
        assertNoOverlaps(layout);
        boolean topDown = direction == LayoutDirection.TOP_TO_BOTTOM;
        List<DiagramEdge> edges = diagram.edges();
        for (int e = 0; e < edges.size(); e++) {
            double[] r = layout.route(e);
            assertThat(r).as("route of %s", edges.get(e).id()).isNotNull();
            int from = layout.indexOf(edges.get(e).from());
            int to = layout.indexOf(edges.get(e).to());
            assertThat(layout.edgeFrom(e)).isEqualTo(from);
            assertThat(layout.edgeTo(e)).isEqualTo(to);
            double sx = r[0];
            double sy = r[1];
            double ex = r[r.length - 2];
            double ey = r[r.length - 1];
            if (topDown) {
                assertThat(sy).as("%s leaves the bottom of its producer", edges.get(e).id())
                        .isEqualTo(layout.y(from) + layout.height(from));
                assertThat(sx).isBetween(layout.x(from), layout.x(from) + layout.width(from));
                assertThat(ey).as("%s enters the top of its consumer", edges.get(e).id()).isEqualTo(layout.y(to));
                assertThat(ex).isBetween(layout.x(to), layout.x(to) + layout.width(to));
                assertThat(ey).as("layers run downwards").isGreaterThan(sy);
            } else {
                assertThat(sx).isEqualTo(layout.x(from) + layout.width(from));
                assertThat(sy).isBetween(layout.y(from), layout.y(from) + layout.height(from));
                assertThat(ex).isEqualTo(layout.x(to));
                assertThat(ey).isBetween(layout.y(to), layout.y(to) + layout.height(to));
                assertThat(ex).isGreaterThan(sx);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"TOP_TO_BOTTOM"})
    void cyclesAreBrokenAndStillRouted(LayoutDirection direction) {
        Diagram diagram = new Diagram(
                List.of(TestNodes.op("a"), TestNodes.op("b"), TestNodes.op("c")),
                List.of(new DiagramEdge("ab", "a", "b", "", "x"), new DiagramEdge("bc", "b", "c", "", "y"),
                        new DiagramEdge("ca", "c", "a", "", "z"), new DiagramEdge("aa", "a", "a", "", "self")));
        DiagramLayout layout = LayeredLayout.compute(diagram, direction);
        assertNoOverlaps(layout);
        assertThat(layout.route(0)).isNotNull();
        assertThat(layout.route(2)).as("the back edge is routed, drawn against the flow").isNotNull();
        assertThat(layout.route(3)).as("self loops are not routed").isNull();
    }

    static void assertNoOverlaps(DiagramLayout layout) {
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < layout.nodeCount(); i++) {
            int a = i;
            layout.nodeGrid().query(layout.x(a), layout.y(a), layout.x(a) + layout.width(a),
                    layout.y(a) + layout.height(a), b -> {
                        if (b > a && layout.x(a) < layout.x(b) + layout.width(b) - 0.01
                                && layout.x(b) < layout.x(a) + layout.width(a) - 0.01
                                && layout.y(a) < layout.y(b) + layout.height(b) - 0.01
                                && layout.y(b) < layout.y(a) + layout.height(a) - 0.01) {
                            overlaps.add(a + "/" + b);
                        }
                    });
        }
        assertThat(overlaps).as("overlapping boxes").isEmpty();
    }
}
