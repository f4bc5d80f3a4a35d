package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ModelFunction;
import dev.onnxworkbench.models.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a graph sits in a model: the steps from the main graph down to it (an If branch or a Loop
 * or Scan body of a node, or a model-local function's body). The empty path is the main graph.
 * Steps compare nodes and functions by identity: two equal-looking nodes are still two places.
 */
public record GraphPath(List<Step> steps) {

    public static final GraphPath ROOT = new GraphPath(List.of());

    public GraphPath {
        steps = List.copyOf(steps);
    }

    /** One step down: into a node's graph attribute, or into a function body. */
    public sealed interface Step {
        String label();

        Graph graph();
    }

    /** The graph in attribute {@code attribute} of {@code owner} (an If branch, a Loop or Scan body). */
    public record Subgraph(Node owner, String attribute) implements Step {
        @Override
        public String label() {
            return nameOf(owner) + " ▸ " + attribute;
        }

        @Override
        public Graph graph() {
            return owner.subgraphs().stream().filter(g -> g.attributeName().equals(attribute))
                    .findFirst().orElseThrow().graph();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subgraph s && s.owner == owner && s.attribute.equals(attribute);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(owner) * 31 + attribute.hashCode();
        }
    }

    /** The body of a model-local function. */
    public record Function(ModelFunction function) implements Step {
        @Override
        public String label() {
            return "function " + (function.domain().isEmpty() ? function.name() : function.domain() + "." + function.name());
        }

        @Override
        public Graph graph() {
            return FunctionGraphs.asGraph(function);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Function f && f.function == function;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(function);
        }
    }

    public GraphPath then(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new GraphPath(more);
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    /** "If_0 ▸ then_branch ▸ " before a name; empty for the main graph. */
    public String prefix() {
        StringBuilder s = new StringBuilder();
        for (Step step : steps) {
            s.append(step.label()).append(" ▸ ");
        }
        return s.toString();
    }

    /** The graph this path leads to in {@code model}. */
    public Graph resolve(Model model) {
        return steps.isEmpty() ? model.graph() : steps.getLast().graph();
    }

    /** A node's name, or its operator type when it has none. */
    public static String nameOf(Node node) {
        return node.name().isEmpty() ? node.opType() : node.name();
    }
}
