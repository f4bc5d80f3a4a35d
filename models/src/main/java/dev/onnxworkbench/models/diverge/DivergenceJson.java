package dev.onnxworkbench.models.diverge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.memory.PagingJson;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import java.util.Map;

/**
 * The {@code diverge --json} format: {@code firstDivergent{tensor, node, opType, maxAbsError, maxRelError} or null,
 * tensors[{name, nameB?, node, opType, shape, maxAbsError, maxRelError, meanAbsError, medianAbsError,
 * meanAbsReference, failing,
 * elements, pass, message?}], inputs[{name, type, shape, source}], runA{model, provider, options}, runB{…},
 * metric, rtol, atol, bisect, runs, shared, memoryBudgetBytes, paging{batches, budgetBytes, largestBatchBytes,
 * oversized[{tensor, bytes}], summary} (marking all only)}. Errors that are infinite or not defined are null.
 */
public final class DivergenceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DivergenceJson() {
    }

    public static ObjectNode toTree(DivergenceReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        r.firstDivergent().ifPresentOrElse(t -> {
            ObjectNode first = root.putObject("firstDivergent");
            first.put("tensor", t.name());
            first.put("node", t.node());
            first.put("opType", t.opType());
            number(first, "maxAbsError", t.error().maxAbsError());
            number(first, "maxRelError", t.error().maxRelError());
        }, () -> root.putNull("firstDivergent"));
        ArrayNode tensors = root.putArray("tensors");
        for (TensorDivergence t : r.tensors()) {
            ObjectNode o = tensors.addObject();
            o.put("name", t.name());
            if (!t.name().equals(t.nameB())) {
                o.put("nameB", t.nameB());
            }
            o.put("node", t.node());
            o.put("opType", t.opType());
            ArrayNode shape = o.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            TensorError e = t.error();
            number(o, "maxAbsError", e.maxAbsError());
            number(o, "maxRelError", e.maxRelError());
            number(o, "meanAbsError", e.meanAbsError());
            number(o, "medianAbsError", e.medianAbsError());
            number(o, "meanAbsReference", e.meanAbsReference());
            o.put("failing", e.failing());
            o.put("elements", e.elements());
            o.put("pass", e.pass());
            if (!e.message().isEmpty()) {
                o.put("message", e.message());
            }
        }
        ArrayNode inputs = root.putArray("inputs");
        for (InputDescription d : r.inputs()) {
            ObjectNode o = inputs.addObject();
            o.put("name", d.name());
            o.put("type", d.type());
            ArrayNode shape = o.putArray("shape");
            for (long x : d.shape()) {
                shape.add(x);
            }
            o.put("source", d.source());
        }
        run(root.putObject("runA"), r.runA());
        run(root.putObject("runB"), r.runB());
        root.put("metric", r.options().metric().jsonName());
        root.put("rtol", r.options().tolerance().rtol());
        root.put("atol", r.options().tolerance().atol());
        root.put("bisect", r.options().bisect());
        root.put("runs", r.runs());
        root.put("shared", r.shared());
        root.put("memoryBudgetBytes", r.options().budget().bytes());
        if (r.paging() != null) {
            PagingJson.put(root.putObject("paging"), r.paging());
        }
        return root;
    }

    public static String write(DivergenceReport r) {
        try {
            return MAPPER.writeValueAsString(toTree(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON of a divergence report", e);
        }
    }

    private static void run(ObjectNode o, RunSpec spec) {
        o.put("model", spec.model().toString());
        o.put("provider", spec.settings().provider().displayName());
        ObjectNode options = o.putObject("options");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(spec.settings().options()).entrySet()) {
            options.put(e.getKey(), e.getValue());
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
