package dev.onnxworkbench.models.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operator invocation. {@code domain} is normalized ({@code ai.onnx} for the default domain);
 * {@code importedOpsetVersion} is the model's (or function's) opset import for that domain, -1 when
 * the domain is not imported. The operator version in effect comes from the operator catalog.
 * Empty input names (optional inputs left out) are kept as "" so positions stay meaningful.
 */
public record Node(
        String name,
        String opType,
        String domain,
        long importedOpsetVersion,
        List<String> inputs,
        List<String> outputs,
        List<Attribute> attributes,
        String docString,
        Map<String, String> metadata) {

    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
        metadata = Map.copyOf(metadata);
    }

    public Optional<Attribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    /** The graphs held in this node's attributes (If branches, Loop/Scan bodies), in attribute order. */
    public List<NamedGraph> subgraphs() {
        List<NamedGraph> result = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.value() instanceof AttributeValue.GraphValue g) {
                result.add(new NamedGraph(a.name(), g.graph()));
            } else if (a.value() instanceof AttributeValue.Graphs gs) {
                for (int i = 0; i < gs.values().size(); i++) {
                    result.add(new NamedGraph(a.name() + "[" + i + "]", gs.values().get(i)));
                }
            }
        }
        return result;
    }

    /** A subgraph with the attribute it hangs on. */
    public record NamedGraph(String attributeName, Graph graph) {}
}
