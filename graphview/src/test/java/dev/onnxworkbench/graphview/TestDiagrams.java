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
}
