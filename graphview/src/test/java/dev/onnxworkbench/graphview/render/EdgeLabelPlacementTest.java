package dev.onnxworkbench.graphview.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.FxTestSupport;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.layout.LayeredLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeLabelPlacementTest {

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.start();
        FxTestSupport.onFx(BoxStyle::standard);
    }

    /**
     * Generated graphs where every edge is labelled and many operators join several inputs (Concat of
     * up to six, like a detector's heads), with short and long symbolic shapes.
     */
    static Diagram labelledFanIns(int operators, long seed) {
        Random random = new Random(seed);
        String[] shapes = {"N×1", "N×1", "1×64×56×56", "p2o.DynamicDimension.0×3×p2o.DynamicDimension.1×640",
            "batch×sequence×256", "2×batch×64", "N×1N×1"};
        List<DiagramNode> nodes = new ArrayList<>();
        List<DiagramEdge> edges = new ArrayList<>();
        nodes.add(new DiagramNode("in", DiagramNode.Kind.INPUT, "input", "", "", List.of(), false));
        for (int i = 0; i < operators; i++) {
            String id = "n" + i;
            boolean concat = random.nextInt(4) == 0;
            nodes.add(new DiagramNode(id, DiagramNode.Kind.OPERATOR, concat ? "Concat" : "Mul", "", "tensor",
                    List.of(), false));
            int inputs = concat ? 2 + random.nextInt(5) : 1;
            for (int k = 0; k < inputs; k++) {
                String from = i == 0 ? "in" : "n" + Math.max(0, i - 1 - random.nextInt(Math.min(i, 4)));
                edges.add(new DiagramEdge(from + "->" + id + "#" + k, from, id, shapes[random.nextInt(shapes.length)],
                        from + "/" + k));
            }
        }
        return new Diagram(nodes, edges);
    }

    @ParameterizedTest(name = "{0} operators, {1}")
    @CsvSource({"300, TOP_TO_BOTTOM", "300, LEFT_TO_RIGHT", "5000, TOP_TO_BOTTOM"})
    void noTwoEdgeLabelsOverlap(int operators, LayoutDirection direction) throws Exception {
        Diagram diagram = labelledFanIns(operators, operators);
        DiagramLayout layout = LayeredLayout.compute(diagram, direction);
        EdgeLabelPlacement labels = FxTestSupport.onFx(() -> EdgeLabelPlacement.compute(layout,
                DecorationIndex.of(Decorations.builder().edgeLabel(diagram.edges().get(5).id(), "1×3×640×640").build(),
                        layout), BoxStyle.standard()));
        assertThat(labels.count()).isGreaterThan(operators / 2);
        assertNoOverlap(labels);
        // Long symbolic dimensions are shortened in the drawing.
        for (int k = 0; k < labels.count(); k++) {
            assertThat(labels.text(k)).doesNotContain("DynamicDimension");
            assertThat(labels.text(k).length()).isLessThanOrEqualTo(LabelText.MAX_CHARS);
        }
        boolean overridePlaced = false;
        for (int k = 0; k < labels.count(); k++) {
            overridePlaced |= labels.isOverride(k) && labels.text(k).equals("1×3×640×640");
        }
        assertThat(overridePlaced).as("an actual shape is placed before declared ones").isTrue();
    }

    static void assertNoOverlap(EdgeLabelPlacement labels) {
        List<double[]> boxes = new ArrayList<>();
        for (int k = 0; k < labels.count(); k++) {
            boxes.add(labels.bounds(k));
        }
        boxes.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < boxes.size(); i++) {
            double[] a = boxes.get(i);
            for (int j = i + 1; j < boxes.size() && boxes.get(j)[0] < a[0] + a[2]; j++) {
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
                assertThat(overlap).as("labels at %s,%s and %s,%s", a[0], a[1], b[0], b[1]).isFalse();
            }
        }
    }
}
