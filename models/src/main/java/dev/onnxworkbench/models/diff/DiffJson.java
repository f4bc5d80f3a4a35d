package dev.onnxworkbench.models.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.diff.ModelDiffReport.NodeChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.PropertyChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.Status;
import dev.onnxworkbench.models.diff.ModelDiffReport.WeightChange;
import java.util.List;

/**
 * The {@code diff --json} format: {@code a, b, summary{added, removed, changed, weightsChanged, identical},
 * model{irVersion:{a,b}, producerName…, opsets:{domain:{a,b}}, metadata:{key:{a,b}}, inputs:[{name,a,b}],
 * outputs:[…]}} (only what differs), {@code nodes[{status, a?, outputA?, b?, outputB?, opType, changes[]}]} (a/b: node names, may be empty;
 * outputA/outputB: the node's first output) and
 * {@code weights[{status, name, nameB?, source, maxAbsDiff, differing, typeA, typeB, shapeA, shapeB}]};
 * numbers that are not finite are null.
 */
public final class DiffJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DiffJson() {
    }

    public static ObjectNode toTree(ModelDiffReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("a", r.a());
        root.put("b", r.b());
        ObjectNode summary = root.putObject("summary");
        summary.put("added", r.count(Status.ADDED));
        summary.put("removed", r.count(Status.REMOVED));
        summary.put("changed", r.count(Status.CHANGED));
        summary.put("weightsChanged", r.weightsChanged());
        summary.put("identical", r.identical());
        ObjectNode model = root.putObject("model");
        for (PropertyChange c : r.modelChanges()) {
            ObjectNode pair = MAPPER.createObjectNode();
            pair.put("a", c.a());
            pair.put("b", c.b());
            switch (c.group()) {
                case "inputs", "outputs" -> {
                    ArrayNode list = model.has(c.group()) ? (ArrayNode) model.get(c.group()) : model.putArray(c.group());
                    ObjectNode entry = list.addObject();
                    entry.put("name", c.key());
                    entry.setAll(pair);
                }
                case "opsets", "metadata" -> {
                    ObjectNode map = model.has(c.group()) ? (ObjectNode) model.get(c.group()) : model.putObject(c.group());
                    map.set(c.key(), pair);
                }
                default -> model.set(c.group(), pair);
            }
        }
        ArrayNode nodes = root.putArray("nodes");
        for (NodeChange n : r.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("status", n.status().jsonName());
            if (n.indexA() >= 0) {
                o.put("a", n.nameA());
                o.put("outputA", n.outputA());
            }
            if (n.indexB() >= 0) {
                o.put("b", n.nameB());
                o.put("outputB", n.outputB());
            }
            o.put("opType", n.opType());
            ArrayNode changes = o.putArray("changes");
            n.changes().forEach(changes::add);
        }
        ArrayNode weights = root.putArray("weights");
        for (WeightChange w : r.weights()) {
            ObjectNode o = weights.addObject();
            o.put("status", w.status().jsonName());
            o.put("name", w.name());
            if (w.nameB() != null) {
                o.put("nameB", w.nameB());
            }
            o.put("source", w.source());
            number(o, "maxAbsDiff", w.maxAbsDiff());
            if (w.differing() >= 0) {
                o.put("differing", w.differing());
            } else {
                o.putNull("differing");
            }
            o.put("typeA", w.typeA());
            o.put("typeB", w.typeB());
            dims(o, "shapeA", w.shapeA());
            dims(o, "shapeB", w.shapeB());
        }
        return root;
    }

    public static String write(ModelDiffReport r) {
        try {
            return MAPPER.writeValueAsString(toTree(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON of a model diff", e);
        }
    }

    static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static void dims(ObjectNode o, String field, List<Long> dims) {
        if (dims == null) {
            o.putNull(field);
            return;
        }
        ArrayNode a = o.putArray(field);
        dims.forEach(a::add);
    }
}
