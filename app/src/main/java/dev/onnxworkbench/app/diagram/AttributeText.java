package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.AttributeValue;
import java.util.List;
import java.util.stream.Collectors;

/** Short, readable text for an attribute value, as the node box and the properties panel show it. */
public final class AttributeText {
    private static final int MAX_ITEMS = 16;

    private AttributeText() {}

    public static String format(AttributeValue value) {
        return switch (value) {
            case AttributeValue.FloatValue f -> formatFloat(f.value());
            case AttributeValue.IntValue i -> Long.toString(i.value());
            case AttributeValue.StringValue s -> s.text();
            case AttributeValue.TensorValue t -> t.tensor().elementType() + ShapeText.weight(t.tensor().dims());
            case AttributeValue.GraphValue g -> "graph" + (g.graph().name().isEmpty() ? "" : " " + g.graph().name());
            case AttributeValue.SparseTensorValue s -> "sparse " + ShapeText.weight(s.tensor().dims());
            case AttributeValue.TypeValue t -> t.type().toString();
            case AttributeValue.Floats fs -> join(fs.values().stream().map(AttributeText::formatFloat).toList());
            case AttributeValue.Ints is -> join(is.values().stream().map(String::valueOf).toList());
            case AttributeValue.Strings ss -> join(ss.values());
            case AttributeValue.Tensors ts -> ts.values().size() + " tensors";
            case AttributeValue.Graphs gs -> gs.values().size() + " graphs";
            case AttributeValue.SparseTensors ss -> ss.values().size() + " sparse tensors";
            case AttributeValue.TypeValues ts -> join(ts.values().stream().map(Object::toString).toList());
            case AttributeValue.Reference r -> "@" + r.parentAttributeName();
            case AttributeValue.Undefined u -> "undefined";
        };
    }

    /** The ONNX type name of an attribute value (FLOAT, INTS, GRAPH, ...). */
    public static String typeName(AttributeValue value) {
        return switch (value) {
            case AttributeValue.FloatValue f -> "float32";
            case AttributeValue.IntValue i -> "int64";
            case AttributeValue.StringValue s -> "string";
            case AttributeValue.TensorValue t -> "tensor";
            case AttributeValue.GraphValue g -> "graph";
            case AttributeValue.SparseTensorValue s -> "sparse tensor";
            case AttributeValue.TypeValue t -> "type";
            case AttributeValue.Floats fs -> "float32[]";
            case AttributeValue.Ints is -> "int64[]";
            case AttributeValue.Strings ss -> "string[]";
            case AttributeValue.Tensors ts -> "tensor[]";
            case AttributeValue.Graphs gs -> "graph[]";
            case AttributeValue.SparseTensors ss -> "sparse tensor[]";
            case AttributeValue.TypeValues ts -> "type[]";
            case AttributeValue.Reference r -> "reference";
            case AttributeValue.Undefined u -> "undefined";
        };
    }

    static String formatFloat(float f) {
        if (f == Math.rint(f) && Math.abs(f) < 1e7) {
            return Long.toString((long) f);
        }
        String s = Float.toString(f);
        int e = s.indexOf('E');
        if (e >= 0) { // 1.0E-5 → 1e-5, as people write it
            String mantissa = s.substring(0, e);
            mantissa = mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa;
            return mantissa + "e" + s.substring(e + 1);
        }
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String join(List<String> items) {
        String shown = items.stream().limit(MAX_ITEMS).collect(Collectors.joining(","));
        return items.size() > MAX_ITEMS ? shown + ",…" : shown;
    }
}
