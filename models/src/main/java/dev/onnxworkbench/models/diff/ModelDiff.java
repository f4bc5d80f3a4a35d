package dev.onnxworkbench.models.diff;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diff.ModelDiffReport.NodeChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.NodePair;
import dev.onnxworkbench.models.diff.ModelDiffReport.PropertyChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.Status;
import dev.onnxworkbench.models.diff.ModelDiffReport.WeightChange;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A structural diff of two models (v1 and v2, FP32 and FP16, original and optimized): model properties and
 * signature, nodes paired by name and then by structure and position ({@link NodeMatcher}), and weights —
 * initializers and the tensors of Constant nodes — compared element by element ({@link WeightComparer}).
 * Compares the top-level graphs; a changed If/Loop body shows as a change of its node's attribute.
 * <pre>{@code ModelDiffReport report = ModelDiff.compare(new OnnxReader().read(a), new OnnxReader().read(b));}</pre>
 */
public final class ModelDiff {
    private final Model a;
    private final Model b;
    private final List<WeightChange> weights = new ArrayList<>();

    private ModelDiff(Model a, Model b) {
        this.a = a;
        this.b = b;
    }

    /** Diffs two opened models; reads weights lazily, one pair at a time. */
    public static ModelDiffReport compare(Model a, Model b) throws WorkbenchException {
        return new ModelDiff(a, b).run();
    }

    private ModelDiffReport run() throws WorkbenchException {
        Graph ga = a.graph();
        Graph gb = b.graph();
        int[] aToB = new NodeMatcher(ga, gb).match();
        Map<String, String> tensors = tensorMap(ga, gb, aToB);
        List<NodeChange> nodes = new ArrayList<>();
        List<NodePair> pairs = new ArrayList<>();
        boolean[] matchedB = new boolean[gb.nodes().size()];
        for (int i = 0; i < ga.nodes().size(); i++) {
            Node na = ga.nodes().get(i);
            if (aToB[i] < 0) {
                nodes.add(new NodeChange(Status.REMOVED, i, na.name(), firstOutput(na), -1, null, null,
                        na.opType(), List.of()));
                constantWeight(na).ifPresent(t -> weights.add(oneSided(Status.REMOVED, t, "Constant")));
                continue;
            }
            matchedB[aToB[i]] = true;
            pairs.add(new NodePair(i, aToB[i]));
            Node nb = gb.nodes().get(aToB[i]);
            List<String> changes = nodeChanges(na, nb, tensors);
            if (!changes.isEmpty()) {
                nodes.add(new NodeChange(Status.CHANGED, i, na.name(), firstOutput(na), aToB[i], nb.name(),
                        firstOutput(nb), nb.opType(), changes));
            }
        }
        for (int j = 0; j < gb.nodes().size(); j++) {
            if (!matchedB[j]) {
                Node nb = gb.nodes().get(j);
                nodes.add(new NodeChange(Status.ADDED, -1, null, null, j, nb.name(), firstOutput(nb),
                        nb.opType(), List.of()));
                constantWeight(nb).ifPresent(t -> weights.add(oneSided(Status.ADDED, t, "Constant")));
            }
        }
        initializerChanges(ga, gb, tensors);
        return new ModelDiffReport(name(a), name(b), modelChanges(), nodes, weights, pairs, tensors);
    }

    private static String firstOutput(Node n) {
        return n.outputs().isEmpty() ? "" : n.outputs().getFirst();
    }

    private static String name(Model m) {
        return m.path() == null ? "(memory)" : m.path().toString();
    }

    // ---- values: which name in B holds what a name in A holds ----

    private static Map<String, String> tensorMap(Graph ga, Graph gb, int[] aToB) {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> inputsB = gb.inputs().stream().map(ValueInfo::name).toList();
        for (int k = 0; k < ga.inputs().size(); k++) {
            String name = ga.inputs().get(k).name();
            if (inputsB.contains(name)) {
                map.put(name, name);
            } else if (k < inputsB.size() && !names(ga.inputs()).contains(inputsB.get(k))) {
                map.put(name, inputsB.get(k));
            }
        }
        for (Tensor t : ga.initializers()) {
            if (gb.initializers().stream().anyMatch(u -> u.name().equals(t.name()))) {
                map.put(t.name(), t.name());
            }
        }
        for (int i = 0; i < aToB.length; i++) {
            if (aToB[i] < 0) {
                continue;
            }
            Node na = ga.nodes().get(i);
            Node nb = gb.nodes().get(aToB[i]);
            for (int k = 0; k < Math.min(na.outputs().size(), nb.outputs().size()); k++) {
                if (!na.outputs().get(k).isEmpty() && !nb.outputs().get(k).isEmpty()) {
                    map.put(na.outputs().get(k), nb.outputs().get(k));
                }
            }
        }
        // Renamed weights: a paired node reads an initializer in the same slot on both sides.
        Map<String, Tensor> initB = new HashMap<>();
        gb.initializers().forEach(t -> initB.put(t.name(), t));
        for (Tensor t : ga.initializers()) {
            if (map.containsKey(t.name())) {
                continue;
            }
            outer:
            for (int i = 0; i < aToB.length; i++) {
                if (aToB[i] < 0) {
                    continue;
                }
                Node na = ga.nodes().get(i);
                Node nb = gb.nodes().get(aToB[i]);
                for (int k = 0; k < Math.min(na.inputs().size(), nb.inputs().size()); k++) {
                    if (na.inputs().get(k).equals(t.name()) && initB.containsKey(nb.inputs().get(k))
                            && !map.containsValue(nb.inputs().get(k))) {
                        map.put(t.name(), nb.inputs().get(k));
                        break outer;
                    }
                }
            }
        }
        return map;
    }

    private static List<String> names(List<ValueInfo> values) {
        return values.stream().map(ValueInfo::name).toList();
    }

    // ---- nodes ----

    private List<String> nodeChanges(Node na, Node nb, Map<String, String> tensors) throws WorkbenchException {
        List<String> changes = new ArrayList<>();
        if (!na.opType().equals(nb.opType()) || !na.domain().equals(nb.domain())) {
            changes.add("operator: " + qualified(na) + " → " + qualified(nb));
        }
        if (!na.name().isEmpty() && !nb.name().isEmpty() && !na.name().equals(nb.name())) {
            changes.add("renamed: " + na.name() + " → " + nb.name());
        }
        if (na.inputs().size() != nb.inputs().size()) {
            changes.add("inputs: " + na.inputs().size() + " → " + nb.inputs().size());
        }
        for (int k = 0; k < Math.min(na.inputs().size(), nb.inputs().size()); k++) {
            String ia = na.inputs().get(k);
            String ib = nb.inputs().get(k);
            String expected = tensors.getOrDefault(ia, ia);
            if (!expected.equals(ib)) {
                changes.add("input " + k + ": " + show(ia) + " → " + show(ib));
            }
        }
        if (na.outputs().size() != nb.outputs().size()) {
            changes.add("outputs: " + na.outputs().size() + " → " + nb.outputs().size());
        }
        attributeChanges(na, nb, changes);
        return changes;
    }

    private static String qualified(Node n) {
        return OpsetImport.DEFAULT_DOMAIN.equals(n.domain()) ? n.opType() : n.domain() + "." + n.opType();
    }

    private static String show(String tensor) {
        return tensor.isEmpty() ? "(none)" : tensor;
    }

    private void attributeChanges(Node na, Node nb, List<String> changes) throws WorkbenchException {
        Map<String, dev.onnxworkbench.models.graph.AttributeValue> va = new TreeMap<>();
        Map<String, dev.onnxworkbench.models.graph.AttributeValue> vb = new TreeMap<>();
        na.attributes().forEach(x -> va.put(x.name(), x.value()));
        nb.attributes().forEach(x -> vb.put(x.name(), x.value()));
        TreeSet<String> all = new TreeSet<>(va.keySet());
        all.addAll(vb.keySet());
        for (String key : all) {
            var x = va.get(key);
            var y = vb.get(key);
            if (x == null) {
                changes.add("attribute " + key + " added: " + AttributeText.of(y));
            } else if (y == null) {
                changes.add("attribute " + key + " removed (was " + AttributeText.of(x) + ")");
            } else {
                String change = AttributeText.change(key, x, y, na, nb, weights);
                if (change != null) {
                    changes.add(change);
                }
            }
        }
    }

    private static java.util.Optional<Tensor> constantWeight(Node n) {
        if (!n.opType().equals("Constant") || n.outputs().isEmpty()) {
            return java.util.Optional.empty();
        }
        return n.attribute("value").map(x -> x.value() instanceof dev.onnxworkbench.models.graph.AttributeValue
                .TensorValue t ? t.tensor() : null);
    }

    // ---- weights ----

    private void initializerChanges(Graph ga, Graph gb, Map<String, String> tensors) throws WorkbenchException {
        Map<String, Tensor> initB = new LinkedHashMap<>();
        gb.initializers().forEach(t -> initB.put(t.name(), t));
        java.util.Set<String> seenB = new java.util.HashSet<>();
        for (Tensor ta : ga.initializers()) {
            String nameB = tensors.get(ta.name());
            Tensor tb = nameB == null ? null : initB.get(nameB);
            if (tb == null) {
                weights.add(oneSided(Status.REMOVED, ta, "initializer"));
                continue;
            }
            seenB.add(tb.name());
            WeightChange change = weightChange(ta, tb, "initializer");
            if (change != null) {
                weights.add(change);
            }
        }
        for (Tensor tb : gb.initializers()) {
            if (!seenB.contains(tb.name())) {
                weights.add(oneSided(Status.ADDED, tb, "initializer"));
            }
        }
    }

    /** The change between two tensors that stand for the same weight, or null when they are equal. */
    static WeightChange weightChange(Tensor ta, Tensor tb, String source) throws WorkbenchException {
        boolean sameShape = ta.dims().equals(tb.dims());
        boolean sameType = ta.elementType() == tb.elementType();
        WeightComparer.Result r = WeightComparer.compare(ta, tb);
        if (sameShape && sameType && r.same()) {
            return null;
        }
        return new WeightChange(Status.CHANGED, ta.name(), Objects.equals(ta.name(), tb.name()) ? null : tb.name(),
                source, ta.elementType().displayName(), tb.elementType().displayName(), ta.dims(), tb.dims(),
                r.maxAbsDiff(), r.differing());
    }

    private static WeightChange oneSided(Status status, Tensor t, String source) {
        boolean added = status == Status.ADDED;
        String type = t.elementType().displayName();
        return new WeightChange(status, t.name(), null, source, added ? null : type, added ? type : null,
                added ? null : t.dims(), added ? t.dims() : null, Double.NaN, -1);
    }

    // ---- model properties and signature ----

    private List<PropertyChange> modelChanges() {
        List<PropertyChange> out = new ArrayList<>();
        scalar(out, "irVersion", a.irVersion(), b.irVersion());
        scalar(out, "producerName", a.producerName(), b.producerName());
        scalar(out, "producerVersion", a.producerVersion(), b.producerVersion());
        scalar(out, "domain", a.domain(), b.domain());
        scalar(out, "modelVersion", a.modelVersion(), b.modelVersion());
        scalar(out, "docString", a.docString(), b.docString());
        Map<String, String> opsA = new TreeMap<>();
        Map<String, String> opsB = new TreeMap<>();
        a.opsetImports().forEach(o -> opsA.put(o.domain(), Long.toString(o.version())));
        b.opsetImports().forEach(o -> opsB.put(o.domain(), Long.toString(o.version())));
        keyed(out, "opsets", opsA, opsB);
        keyed(out, "metadata", new TreeMap<>(a.metadata()), new TreeMap<>(b.metadata()));
        keyed(out, "inputs", signature(a.graph().inputs(), a.graph()), signature(b.graph().inputs(), b.graph()));
        keyed(out, "outputs", signature(a.graph().outputs(), null), signature(b.graph().outputs(), null));
        return out;
    }

    private static void scalar(List<PropertyChange> out, String group, Object x, Object y) {
        String sx = x == null ? "" : x.toString();
        String sy = y == null ? "" : y.toString();
        if (!sx.equals(sy)) {
            out.add(new PropertyChange(group, null, sx, sy));
        }
    }

    private static void keyed(List<PropertyChange> out, String group, Map<String, String> x, Map<String, String> y) {
        TreeSet<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        for (String k : keys) {
            if (!Objects.equals(x.get(k), y.get(k))) {
                out.add(new PropertyChange(group, k, x.get(k), y.get(k)));
            }
        }
    }

    /** Name → type text, leaving out inputs that are initializers (old exporters list weights as inputs). */
    private static Map<String, String> signature(List<ValueInfo> values, Graph inputsOf) {
        java.util.Set<String> weights = new java.util.HashSet<>();
        if (inputsOf != null) {
            inputsOf.initializers().forEach(t -> weights.add(t.name()));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (ValueInfo v : values) {
            if (!weights.contains(v.name())) {
                map.put(v.name(), v.type().toString());
            }
        }
        return map;
    }
}
