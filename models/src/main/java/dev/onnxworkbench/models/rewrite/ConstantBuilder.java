package dev.onnxworkbench.models.rewrite;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TensorShapeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.tensor.DataValue;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns values into graph pieces: a tensor becomes an initializer whose values are an extra payload
 * (written straight from the value's buffer); a sequence becomes Constant nodes joined by
 * SequenceConstruct (or a SequenceEmpty); an optional becomes an Optional node.
 */
final class ConstantBuilder {
    private final int firstPayload;
    private final List<ByteBuffer> payloads = new ArrayList<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();

    ConstantBuilder(int firstPayload) {
        this.firstPayload = firstPayload;
    }

    List<ByteBuffer> payloads() {
        return payloads;
    }

    /** Nodes to put before all others (they compute the sequence and optional constants). */
    List<NodeProto> nodes() {
        return nodes;
    }

    List<TensorProto> initializers() {
        return initializers;
    }

    /** True when {@code name} is one of the constants added here. */
    boolean defines(String name) {
        return initializers.stream().anyMatch(t -> t.getName().equals(name))
                || nodes.stream().anyMatch(n -> n.getOutputList().contains(name));
    }

    /** Adds what makes {@code name} hold {@code value}. */
    void add(String name, DataValue value) throws WorkbenchException {
        switch (value) {
            case DataValue.TensorValue t -> initializers.add(tensor(name, t.tensor()));
            case DataValue.SequenceValue s -> sequence(name, s);
            case DataValue.OptionalValue o -> optional(name, o);
            case DataValue.MapValue m -> throw new RewriteException("The input '" + name
                    + "' is a map; maps cannot be written as constants of an ONNX graph.");
        }
    }

    void add(String name, HostTensor value) {
        initializers.add(tensorProto(name, value));
    }

    /** A tensor holding {@code value} whose values are an extra payload; the caller places it. */
    TensorProto tensorProto(String name, HostTensor value) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(value.elementType().code());
        for (long d : value.shape()) {
            t.addDims(d);
        }
        if (value.isString()) {
            for (String s : value.strings()) {
                t.addStringData(ByteString.copyFrom(s, StandardCharsets.UTF_8));
            }
        } else {
            t.setRawData(payload(value.data()));
        }
        return t.build();
    }

    private TensorProto tensor(String name, Tensor tensor) throws WorkbenchException {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(tensor.elementType().code());
        for (long d : tensor.dims()) {
            t.addDims(d);
        }
        if (tensor.elementType() == ElementType.STRING) {
            for (String s : tensor.data().readStrings()) {
                t.addStringData(ByteString.copyFrom(s, StandardCharsets.UTF_8));
            }
        } else {
            t.setRawData(payload(tensor.data().readRaw()));
        }
        return t.build();
    }

    private ByteString payload(ByteBuffer values) {
        payloads.add(values.duplicate());
        return MappedModelProto.reference(firstPayload + payloads.size() - 1);
    }

    private void sequence(String name, DataValue.SequenceValue s) throws WorkbenchException {
        if (s.elements().isEmpty()) {
            ElementType element = s.elementType() instanceof ValueType.TensorType t ? t.elementType() : ElementType.FLOAT;
            nodes.add(NodeProto.newBuilder().setOpType("SequenceEmpty").setName(name + "__empty").addOutput(name)
                    .addAttribute(AttributeProto.newBuilder().setName("dtype").setType(AttributeProto.AttributeType.INT)
                            .setI(element.code()))
                    .build());
            return;
        }
        NodeProto.Builder construct = NodeProto.newBuilder().setOpType("SequenceConstruct")
                .setName(name + "__construct").addOutput(name);
        for (int i = 0; i < s.elements().size(); i++) {
            String element = name + "__element" + i;
            if (!(s.elements().get(i) instanceof DataValue.TensorValue t)) {
                throw new RewriteException("The input '" + name + "' is a sequence of non-tensors; only sequences of "
                        + "tensors can be written as constants.");
            }
            nodes.add(constantNode(element, tensor(element, t.tensor())));
            construct.addInput(element);
        }
        nodes.add(construct.build());
    }

    private void optional(String name, DataValue.OptionalValue o) throws WorkbenchException {
        NodeProto.Builder optional = NodeProto.newBuilder().setOpType("Optional").setName(name + "__optional")
                .addOutput(name);
        if (o.value().isEmpty()) {
            optional.addAttribute(AttributeProto.newBuilder().setName("type")
                    .setType(AttributeProto.AttributeType.TYPE_PROTO).setTp(typeProto(o.elementType())));
        } else {
            String inner = name + "__value";
            add(inner, o.value().get());
            optional.addInput(inner);
        }
        nodes.add(optional.build());
    }

    private static NodeProto constantNode(String output, TensorProto value) {
        return NodeProto.newBuilder().setOpType("Constant").setName(output).addOutput(output)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(value))
                .build();
    }

    /** ONNX's TypeProto for a value type (unknown dimensions left unset). */
    static TypeProto typeProto(ValueType type) throws RewriteException {
        return switch (type) {
            case ValueType.TensorType t -> {
                TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(t.elementType().code());
                if (t.shape().rankKnown()) {
                    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
                    for (Dimension d : t.shape().dims()) {
                        TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
                        if (d instanceof Dimension.Fixed f) {
                            dim.setDimValue(f.value());
                        } else if (d instanceof Dimension.Symbolic s) {
                            dim.setDimParam(s.name());
                        }
                        shape.addDim(dim);
                    }
                    tensor.setShape(shape);
                }
                yield TypeProto.newBuilder().setTensorType(tensor).build();
            }
            case ValueType.SequenceType s -> TypeProto.newBuilder().setSequenceType(
                    TypeProto.Sequence.newBuilder().setElemType(typeProto(s.elementType()))).build();
            case ValueType.OptionalType o -> TypeProto.newBuilder().setOptionalType(
                    TypeProto.Optional.newBuilder().setElemType(typeProto(o.elementType()))).build();
            default -> throw new RewriteException("A constant of type " + type + " cannot be written in a graph.");
        };
    }
}
