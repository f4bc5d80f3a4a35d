package dev.onnxworkbench.models.opset;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.rewrite.Structure;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One graph (top level or a subgraph body) during a conversion step: adds constant tensors to it as
 * initializers, makes names unique across the model, and tells what the graph records about a tensor.
 */
final class GraphContext {
    private final GraphProto.Builder graph;
    private final Structure structure;
    private final Set<String> names; // every name in the model, shared by all graphs
    private final Map<String, TypeProto.Tensor> types = new HashMap<>();
    private final Set<String> read = new java.util.HashSet<>(); // names nodes read or the graph outputs

    GraphContext(GraphProto.Builder graph, Structure structure, Set<String> names, Map<String, TypeProto.Tensor> outer) {
        this.graph = graph;
        this.structure = structure;
        this.names = names;
        types.putAll(outer);
        for (ValueInfoProto v : graph.getInputList()) {
            record(v);
        }
        for (ValueInfoProto v : graph.getValueInfoList()) {
            record(v);
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            record(v);
            read.add(v.getName());
        }
        collectReads(graph, read);
        for (var t : graph.getInitializerList()) {
            TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(t.getDataType());
            var shape = dev.onnxworkbench.models.onnx.proto.TensorShapeProto.newBuilder();
            for (long d : t.getDimsList()) {
                shape.addDim(dev.onnxworkbench.models.onnx.proto.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            types.put(t.getName(), tensor.setShape(shape).build());
        }
    }

    private static void collectReads(dev.onnxworkbench.models.onnx.proto.GraphProtoOrBuilder g, Set<String> into) {
        for (NodeProto n : g.getNodeList()) {
            into.addAll(n.getInputList());
            for (var a : n.getAttributeList()) {
                if (a.hasG()) {
                    collectReads(a.getG(), into);
                }
                for (GraphProto body : a.getGraphsList()) {
                    collectReads(body, into);
                }
            }
        }
    }

    /** Whether a node (here or in a body) reads the tensor, or the graph outputs it. */
    boolean isRead(String tensor) {
        return read.contains(tensor);
    }

    private void record(ValueInfoProto v) {
        if (v.hasType() && v.getType().hasTensorType()) {
            types.put(v.getName(), v.getType().getTensorType());
        }
    }

    Structure structure() {
        return structure;
    }

    Set<String> names() {
        return names;
    }

    /** Types known in this graph (for its subgraphs, which see the outer scope). */
    Map<String, TypeProto.Tensor> types() {
        return types;
    }

    /** The rank the model records for a tensor, or -1. */
    int rank(String tensor) {
        TypeProto.Tensor t = types.get(tensor);
        return t != null && t.hasShape() ? t.getShape().getDimCount() : -1;
    }

    /** The element type the model records for a tensor, or {@code fallback}. */
    ElementType elementType(String tensor, ElementType fallback) {
        TypeProto.Tensor t = types.get(tensor);
        if (t == null || t.getElemType() == 0) {
            return fallback;
        }
        ElementType e = ElementType.fromCode(t.getElemType());
        return e == ElementType.UNDEFINED ? fallback : e;
    }

    /** A name not used anywhere in the model, from {@code base}. */
    String fresh(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Adds an initializer holding {@code value} and gives its (fresh) name. */
    String constant(String base, HostTensor value) {
        String name = fresh(base);
        graph.addInitializer(structure.tensor(name, value));
        return name;
    }

    String int64s(String base, long... values) throws WorkbenchException {
        return constant(base, HostTensor.ofLongs(new long[] {values.length}, values));
    }

    /** A scalar of the given floating type holding {@code value}. */
    String scalar(String base, ElementType type, double value) throws WorkbenchException {
        return constant(base, HostTensor.ofDoubles(type, new long[0], value));
    }

    /** A node's base name for what a converter adds next to it. */
    static String base(NodeProto.Builder node) {
        return Nodes.label(node);
    }
}
