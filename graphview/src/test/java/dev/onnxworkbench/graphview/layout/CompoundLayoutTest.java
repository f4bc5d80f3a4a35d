package dev.onnxworkbench.graphview.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramSubgraph;
import dev.onnxworkbench.graphview.FxTestSupport;
import dev.onnxworkbench.graphview.LayoutDirection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompoundLayoutTest {

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.start();
        FxTestSupport.onFx(BoxStyle::standard);
    }

    /**
     * x → a → if → out; the If's then body uses a (outer scope) and holds a nested Loop whose body uses
     * x (two levels out); the else body is one node.
     */
    static Diagram nested() {
        Diagram loopBody = new Diagram(List.of(TestNodes.op("if/then/loop/body/m")),
                List.of(new DiagramEdge("x->m", "x", "if/then/loop/body/m", "", "x")));
        DiagramNode loop = new DiagramNode("if/then/loop", DiagramNode.Kind.OPERATOR, "Loop", "", "control", List.of(),
                true, List.of(new DiagramSubgraph("body", loopBody)));
        Diagram then = new Diagram(List.of(TestNodes.op("if/then/t1"), loop, TestNodes.op("if/then/t2")), List.of(
                new DiagramEdge("a->t1", "a", "if/then/t1", "", "a"),
                new DiagramEdge("t1->loop", "if/then/t1", "if/then/loop", "", "t1"),
                new DiagramEdge("loop->t2", "if/then/loop", "if/then/t2", "", "l")));
        Diagram otherwise = new Diagram(List.of(TestNodes.op("if/else/e1")), List.of());
        DiagramNode ifNode = new DiagramNode("if", DiagramNode.Kind.OPERATOR, "If", "", "control", List.of(), true,
                List.of(new DiagramSubgraph("then_branch", then), new DiagramSubgraph("else_branch", otherwise)));
        return new Diagram(
                List.of(new DiagramNode("x", DiagramNode.Kind.INPUT, "x", "", "", List.of(), false), TestNodes.op("a"),
                        ifNode, new DiagramNode("out", DiagramNode.Kind.OUTPUT, "y", "", "", List.of(), false)),
                List.of(new DiagramEdge("x->a", "x", "a", "", "x"), new DiagramEdge("a->if", "a", "if", "", "c"),
                        new DiagramEdge("if->out", "if", "out", "", "y")));
    }

    @Test
    void collapsedIsThePlainLayout() {
        DiagramLayout layout = CompoundLayout.compute(nested(), LayoutDirection.TOP_TO_BOTTOM, BoxStyle.standard(),
                Set.of());
        assertThat(layout.nodeCount()).isEqualTo(4);
        assertThat(layout.containers()).isEmpty();
    }

    @Test
    void expandedBodiesSitInsideTheirContainersWithDashedOuterScopeEdges() {
        Diagram source = nested();
        DiagramLayout layout = CompoundLayout.compute(source, LayoutDirection.TOP_TO_BOTTOM, BoxStyle.standard(),
                Set.of("if", "if/then/loop"));
        assertThat(layout.source()).isSameAs(source);
        assertThat(layout.nodeCount()).isEqualTo(4 + 3 + 1 + 1);
        int ifBox = layout.indexOf("if");
        int loopBox = layout.indexOf("if/then/loop");
        assertThat(layout.containers()).extracting(ContainerBox::node).containsExactly(ifBox, loopBox);
        assertThat(layout.container(ifBox).panels()).extracting(ContainerBox.Panel::name)
                .containsExactly("then_branch", "else_branch");
        for (String inner : List.of("if/then/t1", "if/then/loop", "if/then/t2", "if/else/e1")) {
            assertInside(layout, layout.indexOf(inner), ifBox);
        }
        assertInside(layout, layout.indexOf("if/then/loop/body/m"), loopBox);
        // Outer-scope values: from a (one level out) and from x (two levels out), dashed, ending on the consumer.
        for (String[] e : new String[][] {{"a->t1", "a", "if/then/t1"}, {"x->m", "x", "if/then/loop/body/m"}}) {
            int edge = layout.edgeIndexOf(e[0]);
            assertThat(layout.isDashed(edge)).as(e[0]).isTrue();
            assertThat(layout.edgeFrom(edge)).isEqualTo(layout.indexOf(e[1]));
            assertThat(layout.edgeTo(edge)).isEqualTo(layout.indexOf(e[2]));
            double[] r = layout.route(edge);
            int consumer = layout.indexOf(e[2]);
            assertThat(r[r.length - 1]).isEqualTo(layout.y(consumer));
            int producer = layout.indexOf(e[1]);
            assertThat(r[1]).isEqualTo(layout.y(producer) + layout.height(producer));
            assertThat(layout.y(producer) + layout.height(producer)).isLessThan(layout.y(ifBox));
        }
        assertThat(layout.isDashed(layout.edgeIndexOf("t1->loop"))).isFalse();
        // A click inside the body finds the inner box, not the container.
        int t1 = layout.indexOf("if/then/t1");
        assertThat(layout.nodeAt(layout.x(t1) + 2, layout.y(t1) + 2)).isEqualTo(t1);
    }

    private static void assertInside(DiagramLayout layout, int inner, int outer) {
        assertThat(layout.x(inner)).isGreaterThan(layout.x(outer));
        assertThat(layout.y(inner)).isGreaterThan(layout.y(outer) + BoxStyle.HEADER_HEIGHT);
        assertThat(layout.x(inner) + layout.width(inner)).isLessThan(layout.x(outer) + layout.width(outer));
        assertThat(layout.y(inner) + layout.height(inner)).isLessThan(layout.y(outer) + layout.height(outer));
    }
}
