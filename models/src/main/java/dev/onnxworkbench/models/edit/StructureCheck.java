package dev.onnxworkbench.models.edit;

import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structural rules of a valid ONNX graph that an edit can break, checked without ONNX Runtime: every
 * input of a node is produced before it (graph input, initializer, an earlier node, or the outer scope of a
 * body), every tensor has one producer, every graph output is produced, graph inputs with a default
 * value agree with it in type, and every operator domain used has an opset import.
 */
public final class StructureCheck {
    private static final int LIMIT = 20;

    private StructureCheck() {
    }

    /** The problems found, in graph order (at most 20); empty when the structure is sound. */
    public static List<String> problems(ModelProto model) {
        List<String> problems = new ArrayList<>();
        Set<String> imported = new HashSet<>();
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            imported.add(o.getDomain().isEmpty() ? "ai.onnx" : o.getDomain());
        }
        Set<String> missingDomains = new HashSet<>();
        graph(model.getGraph(), Set.of(), "", imported, missingDomains, problems);
        return problems.size() > LIMIT ? problems.subList(0, LIMIT) : problems;
    }

    private static void graph(GraphProto g, Set<String> outer, String where, Set<String> imported, Set<String> missingDomains,
                              List<String> problems) {
        Set<String> available = new HashSet<>(outer);
        Map<String, String> producedBy = new HashMap<>();
        Map<String, Integer> initializerTypes = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            if (initializerTypes.put(t.getName(), t.getDataType()) != null) {
                problems.add(where + "two initializers are named '" + t.getName() + "'");
            }
            available.add(t.getName());
        }
        Set<String> inputs = new HashSet<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!inputs.add(v.getName())) {
                problems.add(where + "two graph inputs are named '" + v.getName() + "'");
            }
            Integer type = initializerTypes.get(v.getName());
            if (type != null && v.getType().hasTensorType() && v.getType().getTensorType().getElemType() != 0
                    && v.getType().getTensorType().getElemType() != type) {
                problems.add(where + "the input '" + v.getName() + "' is declared with another element type than its default value");
            }
            available.add(v.getName());
        }
        Set<String> laterOutputs = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            laterOutputs.addAll(n.getOutputList());
        }
        for (NodeProto n : g.getNodeList()) {
            String label = Structures.label(n);
            String domain = n.getDomain().isEmpty() ? "ai.onnx" : n.getDomain();
            if (!imported.contains(domain) && missingDomains.add(domain)) {
                problems.add(where + "the node '" + label + "' uses the domain " + domain + ", which the model does not import");
            }
            for (String in : n.getInputList()) {
                if (in.isEmpty() || available.contains(in)) {
                    continue;
                }
                problems.add(where + "the node '" + label + "' reads '" + in + "', which "
                        + (laterOutputs.contains(in) ? "is produced only after it (nodes out of topological order)"
                        : "nothing produces"));
            }
            for (AttributeProto a : n.getAttributeList()) {
                List<GraphProto> bodies = new ArrayList<>(a.getGraphsList());
                if (a.hasG()) {
                    bodies.add(a.getG());
                }
                for (GraphProto body : bodies) {
                    graph(body, available, where + label + "." + a.getName() + ": ", imported, missingDomains, problems);
                }
            }
            for (String out : n.getOutputList()) {
                if (out.isEmpty()) {
                    continue;
                }
                String before = producedBy.put(out, label);
                if (before != null || initializerTypes.containsKey(out) || inputs.contains(out)) {
                    problems.add(where + "the tensor '" + out + "' has two producers (" + (before != null ? before : "a graph input")
                            + " and " + label + ")");
                }
                available.add(out);
            }
        }
        for (ValueInfoProto o : g.getOutputList()) {
            if (!available.contains(o.getName())) {
                problems.add(where + "the graph output '" + o.getName() + "' is produced by nothing");
            }
        }
    }
}
