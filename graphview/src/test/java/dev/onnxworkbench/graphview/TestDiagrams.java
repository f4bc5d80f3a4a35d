package dev.onnxworkbench.graphview;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Model-like diagrams for tests and benchmarks: a main chain of operators with residual branches,
 * occasional fan-out/fan-in blocks, weights folded into rows, graph inputs and outputs as terminals.
 */
public final class TestDiagrams {
    private static final String[][] OPS = {
        {"Conv", "layer"}, {"Relu", "activation"}, {"MaxPool", "pool"}, {"BatchNormalization", "normalization"},
        {"Reshape", "tensor"}, {"Add", "logic"}, {"MatMul", "layer"}, {"Softmax", "activation"},
        {"Transpose", "tensor"}, {"Gather", "tensor"}, {"Concat", "tensor"}, {"Mul", "logic"}};

    private TestDiagrams() {}

    public static Diagram modelLike(int operatorCount, long seed) {
        Random random = new Random(seed);
        List<DiagramNode> nodes = new ArrayList<>(operatorCount + 2);
        List<DiagramEdge> edges = new ArrayList<>(operatorCount * 2);
        nodes.add(new DiagramNode("input", DiagramNode.Kind.INPUT, "input", "", "", List.of(), false));
        String previous = "input";
        String residual = null;
        for (int i = 0; i < operatorCount; i++) {
            String[] op = OPS[random.nextInt(OPS.length)];
            List<DiagramRow> rows = new ArrayList<>();
            if (op[1].equals("layer")) {
                rows.add(new DiagramRow(DiagramRow.Kind.WEIGHT, "W", "⟨64×64×3×3⟩"));
                rows.add(new DiagramRow(DiagramRow.Kind.WEIGHT, "B", "⟨64⟩"));
            }
            if (op[0].equals("Conv") || op[0].equals("MaxPool")) {
                rows.add(new DiagramRow(DiagramRow.Kind.ATTRIBUTE, "kernel_shape", "3,3"));
            }
            String id = "n" + i;
            nodes.add(new DiagramNode(id, DiagramNode.Kind.OPERATOR, op[0], "", op[1], rows, false));
            edges.add(new DiagramEdge(previous + "->" + id, previous, id, random.nextInt(4) == 0 ? "1×64×56×56" : "",
                    "t" + previous));
            if (residual != null && random.nextInt(3) == 0) {
                edges.add(new DiagramEdge(residual + "->" + id, residual, id, "", "t" + residual));
                residual = null;
            } else if (residual == null && random.nextInt(6) == 0) {
                residual = previous;
            }
            if (random.nextInt(25) == 0 && i + 4 < operatorCount) {
                // A short side branch that joins back later: fan-out then fan-in.
                String side = "s" + i;
                nodes.add(new DiagramNode(side, DiagramNode.Kind.OPERATOR, "Shape", "", "tensor", List.of(), false));
                edges.add(new DiagramEdge(id + "->" + side, id, side, "", "t" + id));
                residual = side;
            }
            previous = id;
        }
        nodes.add(new DiagramNode("output", DiagramNode.Kind.OUTPUT, "output", "", "", List.of(), false));
        edges.add(new DiagramEdge(previous + "->output", previous, "output", "", "t" + previous));
        return new Diagram(nodes, edges);
    }

    /**
     * x → a → if → out; the If's then body uses a (outer scope) and holds a nested Loop whose body uses
     * x (two levels out); the else body is one node.
     */
    public static Diagram nestedIf() {
        Diagram loopBody = new Diagram(List.of(op("if/then/loop/body/m")),
                List.of(new DiagramEdge("x->m", "x", "if/then/loop/body/m", "", "x")));
        DiagramNode loop = new DiagramNode("if/then/loop", DiagramNode.Kind.OPERATOR, "Loop", "", "control", List.of(),
                true, List.of(new DiagramSubgraph("body", loopBody)));
        Diagram then = new Diagram(List.of(op("if/then/t1"), loop, op("if/then/t2")), List.of(
                new DiagramEdge("a->t1", "a", "if/then/t1", "", "a"),
                new DiagramEdge("t1->loop", "if/then/t1", "if/then/loop", "", "t1"),
                new DiagramEdge("loop->t2", "if/then/loop", "if/then/t2", "", "l")));
        Diagram otherwise = new Diagram(List.of(op("if/else/e1")), List.of());
        DiagramNode ifNode = new DiagramNode("if", DiagramNode.Kind.OPERATOR, "If", "", "control", List.of(), true,
                List.of(new DiagramSubgraph("then_branch", then), new DiagramSubgraph("else_branch", otherwise)));
        return new Diagram(
                List.of(new DiagramNode("x", DiagramNode.Kind.INPUT, "x", "", "", List.of(), false), op("a"),
                        ifNode, new DiagramNode("out", DiagramNode.Kind.OUTPUT, "y", "", "", List.of(), false)),
                List.of(new DiagramEdge("x->a", "x", "a", "", "x"), new DiagramEdge("a->if", "a", "if", "", "c"),
                        new DiagramEdge("if->out", "if", "out", "", "y")));
    }

    private static DiagramNode op(String id) {
        return new DiagramNode(id, DiagramNode.Kind.OPERATOR, "Op " + id, "", "layer", List.of(), false);
    }
}
