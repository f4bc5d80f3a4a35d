package dev.onnxworkbench.models.diff;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diff.ModelDiffReport.WeightChange;
import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Attribute values as short text, and what changed between two values of the same attribute. */
final class AttributeText {
    private static final int MAX_LIST = 8;

    private AttributeText() {
    }

    static String of(AttributeValue v) {
        return switch (v) {
            case AttributeValue.FloatValue f -> number(f.value());
            case AttributeValue.IntValue i -> Long.toString(i.value());
            case AttributeValue.StringValue s -> "'" + s.text() + "'";
            case AttributeValue.Floats f -> list(f.values().stream().map(x -> number(x)).toList());
            case AttributeValue.Ints i -> list(i.values().stream().map(String::valueOf).toList());
            case AttributeValue.Strings s -> list(s.values().stream().map(x -> "'" + x + "'").toList());
            case AttributeValue.TensorValue t -> "tensor " + t.tensor().elementType() + t.tensor().dims();
            case AttributeValue.GraphValue g -> "graph of " + g.graph().nodes().size() + " nodes";
            case AttributeValue.Graphs g -> g.values().size() + " graphs";
            case AttributeValue.Tensors t -> t.values().size() + " tensors";
            case AttributeValue.SparseTensorValue s -> "sparse tensor " + s.tensor().dims();
            case AttributeValue.SparseTensors s -> s.values().size() + " sparse tensors";
            case AttributeValue.TypeValue t -> t.type().toString();
            case AttributeValue.TypeValues t -> t.values().size() + " types";
            case AttributeValue.Reference r -> "@" + r.parentAttributeName();
            case AttributeValue.Undefined u -> "(undefined)";
        };
    }

    private static String number(float f) {
        return f == Math.rint(f) && Math.abs(f) < 1e7 ? Long.toString((long) f) : Float.toString(f);
    }

    private static String list(List<String> items) {
        if (items.size() <= MAX_LIST) {
            return "[" + String.join(", ", items) + "]";
        }
        return "[" + String.join(", ", items.subList(0, MAX_LIST)) + ", … (" + items.size() + ")]";
    }

    /**
     * A line for the change of attribute {@code key} from {@code x} to {@code y}, or null when equal. A tensor
     * attribute (a Constant's value) is compared element by element and also recorded in {@code weights}, named
     * after the node's first output; a subgraph is diffed and summarised.
     */
    static String change(String key, AttributeValue x, AttributeValue y, Node na, Node nb, List<WeightChange> weights)
            throws WorkbenchException {
        if (x instanceof AttributeValue.TensorValue tx && y instanceof AttributeValue.TensorValue ty) {
            String source = na.opType().equals("Constant") ? "Constant" : na.opType() + "." + key;
            WeightChange w = ModelDiff.weightChange(named(tx.tensor(), na), named(ty.tensor(), nb), source);
            if (w == null) {
                return null;
            }
            weights.add(w);
            return key + ": " + describe(w);
        }
        if (x instanceof AttributeValue.GraphValue gx && y instanceof AttributeValue.GraphValue gy) {
            ModelDiffReport sub = ModelDiff.compare(wrap(gx.graph()), wrap(gy.graph()));
            return sub.nodes().isEmpty() && sub.weights().isEmpty() && sub.modelChanges().isEmpty() ? null
                    : key + ": " + sub.summaryText();
        }
        if (x instanceof AttributeValue.FloatValue fx && y instanceof AttributeValue.FloatValue fy) {
            return Float.compare(fx.value(), fy.value()) == 0 ? null : key + ": " + of(x) + " → " + of(y);
        }
        String sx = of(x);
        String sy = of(y);
        if (x.equals(y)) {
            return null;
        }
        return sx.equals(sy) ? key + ": changed" : key + ": " + sx + " → " + sy;
    }

    static String describe(WeightChange w) {
        StringBuilder s = new StringBuilder();
        if (!w.shapeA().equals(w.shapeB())) {
            s.append("shape ").append(w.shapeA()).append(" → ").append(w.shapeB()).append("; ");
        }
        if (!w.typeA().equals(w.typeB())) {
            s.append(w.typeA()).append(" → ").append(w.typeB()).append("; ");
        }
        if (!Double.isNaN(w.maxAbsDiff())) {
            s.append(String.format(Locale.ROOT, "max abs diff %.4g (%d elements differ)", w.maxAbsDiff(),
                    w.differing()));
        } else if (w.differing() > 0) {
            s.append(w.differing()).append(" elements differ");
        }
        String text = s.toString();
        return text.endsWith("; ") ? text.substring(0, text.length() - 2) : text;
    }

    private static Tensor named(Tensor t, Node n) {
        String name = n.outputs().isEmpty() || n.outputs().getFirst().isEmpty() ? t.name() : n.outputs().getFirst();
        return new Tensor(name, t.elementType(), t.dims(), t.data(), t.docString());
    }

    /** A subgraph as a model of its own, so the diff of a body reuses the diff of a model. */
    private static Model wrap(Graph g) {
        return new Model(null, 0, 0, List.of(), "", "", "", 0, "", Map.of(), g, List.of());
    }
}
