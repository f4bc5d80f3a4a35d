package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ModelFunction;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Model-local functions: which nodes call one, and a function body as a graph that can be drawn. */
public final class FunctionGraphs {
    private FunctionGraphs() {}

    /** True for a node whose domain and op type name a function of the model. */
    public static Predicate<Node> callsFunction(Model model) {
        if (model.functions().isEmpty()) {
            return node -> false; // most models: no stream per node (50,000 of them on a large open)
        }
        return node -> find(model, node).isPresent();
    }

    public static Optional<ModelFunction> find(Model model, Node node) {
        return model.functions().stream()
                .filter(f -> f.name().equals(node.opType()) && sameDomain(f.domain(), node.domain()))
                .findFirst();
    }

    /** The function body as a graph: its inputs and outputs become terminals (types are not declared). */
    public static Graph asGraph(ModelFunction f) {
        List<ValueInfo> inputs = f.inputs().stream().map(n -> new ValueInfo(n, ValueType.UNKNOWN)).toList();
        List<ValueInfo> outputs = f.outputs().stream().map(n -> new ValueInfo(n, ValueType.UNKNOWN)).toList();
        return new Graph(f.name(), f.docString(), f.nodes(), inputs, outputs, List.of(), List.of(), f.valueInfo(), Map.of());
    }

    private static boolean sameDomain(String a, String b) {
        return dev.onnxworkbench.models.graph.OpsetImport.normalizeDomain(a)
                .equals(dev.onnxworkbench.models.graph.OpsetImport.normalizeDomain(b));
    }
}
