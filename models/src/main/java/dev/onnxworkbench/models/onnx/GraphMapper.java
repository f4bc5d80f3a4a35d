package dev.onnxworkbench.models.onnx;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.graph.Attribute;
import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.ModelFunction;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;
import dev.onnxworkbench.models.graph.SparseTensor;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.FunctionProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.SparseTensorProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the parsed protobuf of one model onto the immutable graph records, recursively through
 * subgraphs. Opset versions come from the model's imports (functions use their own).
 */
final class GraphMapper {
    /** Subgraph nesting allowed; protobuf's own recursion limit already bounds it, this keeps the error clear. */
    static final int MAX_SUBGRAPH_DEPTH = 64;

    private final TensorProtoReader tensors;
    private final String sourceName;

    GraphMapper(TensorProtoReader tensors, String sourceName) {
        this.tensors = tensors;
        this.sourceName = sourceName;
    }

    static List<OpsetImport> opsets(List<OperatorSetIdProto> protos) {
        List<OpsetImport> result = new ArrayList<>(protos.size());
        for (OperatorSetIdProto p : protos) {
            result.add(new OpsetImport(OpsetImport.normalizeDomain(p.getDomain()), p.getVersion()));
        }
        return result;
    }

    static Map<String, Long> versionsByDomain(List<OpsetImport> imports) {
        Map<String, Long> map = new HashMap<>();
        for (OpsetImport o : imports) {
            map.merge(o.domain(), o.version(), Math::max);
        }
        return map;
    }

    Graph graph(GraphProto proto, Map<String, Long> opsets, int depth) throws ModelReadException {
        if (depth > MAX_SUBGRAPH_DEPTH) {
            throw new ModelReadException(Kind.TOO_DEEP, sourceName + " nests subgraphs more than "
                    + MAX_SUBGRAPH_DEPTH + " levels deep; this reader refuses it to stay safe from crafted files.");
        }
        List<Node> nodes = new ArrayList<>(proto.getNodeCount());
        for (NodeProto n : proto.getNodeList()) {
            nodes.add(node(n, opsets, depth));
        }
        List<Tensor> initializers = new ArrayList<>(proto.getInitializerCount());
        for (TensorProto t : proto.getInitializerList()) {
            initializers.add(tensors.read(t, "initializer"));
        }
        List<SparseTensor> sparse = new ArrayList<>(proto.getSparseInitializerCount());
        for (SparseTensorProto t : proto.getSparseInitializerList()) {
            sparse.add(tensors.readSparse(t, "initializer"));
        }
        return new Graph(proto.getName(), proto.getDocString(), nodes, valueInfos(proto.getInputList()),
                valueInfos(proto.getOutputList()), initializers, sparse, valueInfos(proto.getValueInfoList()),
                TypeMapper.properties(proto.getMetadataPropsList()));
    }

    ModelFunction function(FunctionProto proto, Map<String, Long> modelOpsets) throws ModelReadException {
        List<OpsetImport> imports = opsets(proto.getOpsetImportList());
        // A function should import what it uses; fall back to the model's imports for domains it leaves out.
        Map<String, Long> versions = new HashMap<>(modelOpsets);
        versions.putAll(versionsByDomain(imports));
        List<Node> nodes = new ArrayList<>(proto.getNodeCount());
        for (NodeProto n : proto.getNodeList()) {
            nodes.add(node(n, versions, 1));
        }
        List<Attribute> defaults = new ArrayList<>(proto.getAttributeProtoCount());
        for (AttributeProto a : proto.getAttributeProtoList()) {
            defaults.add(attribute(a, versions, 1, proto.getName()));
        }
        return new ModelFunction(OpsetImport.normalizeDomain(proto.getDomain()), proto.getName(),
                proto.getOverload(), proto.getInputList(), proto.getOutputList(), proto.getAttributeList(), defaults,
                nodes, imports, valueInfos(proto.getValueInfoList()), proto.getDocString());
    }

    private Node node(NodeProto proto, Map<String, Long> opsets, int depth) throws ModelReadException {
        String domain = OpsetImport.normalizeDomain(proto.getDomain());
        Long version = opsets.get(domain);
        List<Attribute> attributes;
        if (proto.getAttributeCount() == 0) {
            attributes = List.of();
        } else {
            attributes = new ArrayList<>(proto.getAttributeCount());
            String owner = proto.getName().isEmpty() ? proto.getOpType() : proto.getName();
            for (AttributeProto a : proto.getAttributeList()) {
                attributes.add(attribute(a, opsets, depth, owner));
            }
        }
        return new Node(proto.getName(), proto.getOpType(), domain, version == null ? -1 : version,
                proto.getInputList(), proto.getOutputList(), attributes, proto.getDocString(),
                TypeMapper.properties(proto.getMetadataPropsList()));
    }

    private Attribute attribute(AttributeProto a, Map<String, Long> opsets, int depth, String owner)
            throws ModelReadException {
        String role = "attribute '" + a.getName() + "' of node '" + owner + "'";
        AttributeValue value;
        if (a.hasRefAttrName() && !a.getRefAttrName().isEmpty()) {
            value = new AttributeValue.Reference(a.getRefAttrName());
        } else {
            AttributeProto.AttributeType type = a.hasType() ? a.getType() : inferType(a);
            value = switch (type) {
                case FLOAT -> new AttributeValue.FloatValue(a.getF());
                case INT -> new AttributeValue.IntValue(a.getI());
                case STRING -> new AttributeValue.StringValue(a.getS().toStringUtf8());
                case TENSOR -> new AttributeValue.TensorValue(tensors.read(a.getT(), role));
                case GRAPH -> new AttributeValue.GraphValue(graph(a.getG(), opsets, depth + 1));
                case SPARSE_TENSOR -> new AttributeValue.SparseTensorValue(tensors.readSparse(a.getSparseTensor(), role));
                case TYPE_PROTO -> new AttributeValue.TypeValue(TypeMapper.type(a.getTp()));
                case FLOATS -> new AttributeValue.Floats(a.getFloatsList());
                case INTS -> new AttributeValue.Ints(a.getIntsList());
                case STRINGS -> new AttributeValue.Strings(utf8(a.getStringsList()));
                case TENSORS -> {
                    List<Tensor> list = new ArrayList<>(a.getTensorsCount());
                    for (TensorProto t : a.getTensorsList()) {
                        list.add(tensors.read(t, role));
                    }
                    yield new AttributeValue.Tensors(list);
                }
                case GRAPHS -> {
                    List<Graph> list = new ArrayList<>(a.getGraphsCount());
                    for (GraphProto g : a.getGraphsList()) {
                        list.add(graph(g, opsets, depth + 1));
                    }
                    yield new AttributeValue.Graphs(list);
                }
                case SPARSE_TENSORS -> {
                    List<SparseTensor> list = new ArrayList<>(a.getSparseTensorsCount());
                    for (SparseTensorProto t : a.getSparseTensorsList()) {
                        list.add(tensors.readSparse(t, role));
                    }
                    yield new AttributeValue.SparseTensors(list);
                }
                case TYPE_PROTOS -> {
                    List<ValueType> list = new ArrayList<>(a.getTypeProtosCount());
                    for (TypeProto t : a.getTypeProtosList()) {
                        list.add(TypeMapper.type(t));
                    }
                    yield new AttributeValue.TypeValues(list);
                }
                case UNDEFINED -> new AttributeValue.Undefined();
            };
        }
        return new Attribute(a.getName(), value, a.getDocString());
    }

    /** IR version 1 files may leave out the attribute type; it follows from the field that is set. */
    private static AttributeProto.AttributeType inferType(AttributeProto a) {
        if (a.hasF()) return AttributeProto.AttributeType.FLOAT;
        if (a.hasI()) return AttributeProto.AttributeType.INT;
        if (a.hasS()) return AttributeProto.AttributeType.STRING;
        if (a.hasT()) return AttributeProto.AttributeType.TENSOR;
        if (a.hasG()) return AttributeProto.AttributeType.GRAPH;
        if (a.hasSparseTensor()) return AttributeProto.AttributeType.SPARSE_TENSOR;
        if (a.hasTp()) return AttributeProto.AttributeType.TYPE_PROTO;
        if (a.getFloatsCount() > 0) return AttributeProto.AttributeType.FLOATS;
        if (a.getIntsCount() > 0) return AttributeProto.AttributeType.INTS;
        if (a.getStringsCount() > 0) return AttributeProto.AttributeType.STRINGS;
        if (a.getTensorsCount() > 0) return AttributeProto.AttributeType.TENSORS;
        if (a.getGraphsCount() > 0) return AttributeProto.AttributeType.GRAPHS;
        if (a.getSparseTensorsCount() > 0) return AttributeProto.AttributeType.SPARSE_TENSORS;
        if (a.getTypeProtosCount() > 0) return AttributeProto.AttributeType.TYPE_PROTOS;
        return AttributeProto.AttributeType.UNDEFINED;
    }

    private static List<String> utf8(List<ByteString> bytes) {
        List<String> result = new ArrayList<>(bytes.size());
        for (ByteString b : bytes) {
            result.add(b.toStringUtf8());
        }
        return result;
    }

    private static List<ValueInfo> valueInfos(List<ValueInfoProto> protos) {
        if (protos.isEmpty()) {
            return List.of();
        }
        List<ValueInfo> result = new ArrayList<>(protos.size());
        for (ValueInfoProto p : protos) {
            result.add(TypeMapper.valueInfo(p));
        }
        return result;
    }
}
