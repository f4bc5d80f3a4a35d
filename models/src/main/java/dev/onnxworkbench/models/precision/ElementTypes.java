package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The element type of every tensor of a graph (ONNX codes: 1 float, 10 float16, 7 int64...), from what the
 * model declares (inputs, initializers, value_info, Constant values) and, for the rest, a small per-operator
 * rule: most operators give their first input's type; comparisons give bool; Shape/Size/ArgMax give int64;
 * Cast gives its {@code to}; If/Loop/Scan give their bodies' declared outputs. Enough to tell float tensors
 * from index tensors without a full shape inference. Subgraphs see the outer scope.
 */
final class ElementTypes {
    static final int UNKNOWN = 0;
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;

    private static final Set<String> BOOLEAN = Set.of("Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual",
            "Not", "And", "Or", "Xor", "IsNaN", "IsInf");
    private static final Set<String> INDEX = Set.of("Shape", "Size", "NonZero", "ArgMax", "ArgMin",
            "NonMaxSuppression");

    private final Map<String, Integer> types = new HashMap<>();

    private ElementTypes() {
    }

    /** Types of the graph's tensors (and of every subgraph's, which share the map by name). */
    static ElementTypes of(GraphProto graph) {
        ElementTypes t = new ElementTypes();
        t.visit(graph);
        return t;
    }

    int get(String name) {
        return types.getOrDefault(name, UNKNOWN);
    }

    boolean isFloat(String name) {
        return !name.isEmpty() && get(name) == FLOAT;
    }

    private void visit(GraphProto g) {
        for (ValueInfoProto v : g.getInputList()) {
            declare(v);
        }
        for (ValueInfoProto v : g.getValueInfoList()) {
            declare(v);
        }
        for (ValueInfoProto v : g.getOutputList()) {
            declare(v);
        }
        for (TensorProto t : g.getInitializerList()) {
            types.put(t.getName(), t.getDataType());
        }
        for (NodeProto n : g.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    visit(a.getG());
                }
                for (GraphProto sub : a.getGraphsList()) {
                    visit(sub);
                }
            }
            infer(n);
        }
    }

    private void declare(ValueInfoProto v) {
        if (v.getType().hasTensorType() && v.getType().getTensorType().getElemType() != 0) {
            types.put(v.getName(), v.getType().getTensorType().getElemType());
        }
    }

    private void infer(NodeProto n) {
        String op = n.getOpType();
        for (int i = 0; i < n.getOutputCount(); i++) {
            String out = n.getOutput(i);
            if (out.isEmpty() || types.containsKey(out)) {
                continue;
            }
            int type = outputType(n, op, i);
            if (type != UNKNOWN) {
                types.put(out, type);
            }
        }
    }

    private int outputType(NodeProto n, String op, int index) {
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            return UNKNOWN;
        }
        if (BOOLEAN.contains(op)) {
            return BOOL;
        }
        if (INDEX.contains(op) || (op.equals("MaxPool") || op.equals("TopK")) && index == 1) {
            return INT64;
        }
        switch (op) {
            case "Cast":
                return (int) attribute(n, "to", UNKNOWN);
            case "Constant": {
                AttributeProto value = find(n, "value");
                if (value != null) {
                    return value.getT().getDataType();
                }
                if (find(n, "value_float") != null || find(n, "value_floats") != null) {
                    return FLOAT;
                }
                return find(n, "value_int") != null || find(n, "value_ints") != null ? INT64 : UNKNOWN;
            }
            case "ConstantOfShape": {
                AttributeProto value = find(n, "value");
                return value == null ? FLOAT : value.getT().getDataType();
            }
            case "EyeLike", "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike":
                return (int) attribute(n, "dtype", op.endsWith("Like") ? typeOf(n, 0) : FLOAT);
            case "QuantizeLinear":
                return n.getInputCount() > 2 ? typeOf(n, 2) : UINT8;
            case "DequantizeLinear":
                return n.getInputCount() > 1 ? typeOf(n, 1) : FLOAT;
            case "DynamicQuantizeLinear":
                return index == 0 ? UINT8 : index == 1 ? FLOAT : UINT8;
            case "MatMulInteger", "ConvInteger":
                return INT32;
            case "Where":
                return typeOf(n, 1);
            case "OneHot":
                return typeOf(n, 2);
            case "If": {
                AttributeProto then = find(n, "then_branch");
                return then == null ? UNKNOWN : bodyOutput(then.getG(), index);
            }
            case "Loop": {
                AttributeProto body = find(n, "body");
                return body == null ? UNKNOWN : bodyOutput(body.getG(), index + 1);
            }
            case "Scan": {
                AttributeProto body = find(n, "body");
                return body == null ? UNKNOWN : bodyOutput(body.getG(), index);
            }
            default:
                return typeOf(n, 0);
        }
    }

    private int bodyOutput(GraphProto body, int index) {
        if (index >= body.getOutputCount()) {
            return UNKNOWN;
        }
        ValueInfoProto v = body.getOutput(index);
        TypeProto t = v.getType();
        if (t.hasTensorType() && t.getTensorType().getElemType() != 0) {
            return t.getTensorType().getElemType();
        }
        return get(v.getName());
    }

    private int typeOf(NodeProto n, int input) {
        return input < n.getInputCount() ? get(n.getInput(input)) : UNKNOWN;
    }

    static AttributeProto find(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static long attribute(NodeProto n, String name, long fallback) {
        AttributeProto a = find(n, name);
        return a == null ? fallback : a.getI();
    }
}
