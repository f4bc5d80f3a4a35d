package dev.onnxworkbench.models.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.tensor.TensorStatistics;

/**
 * JSON of an inspection ({@code run --inspect --json}): {@code intermediates[{name, producer, opType, type,
 * shape, stats{min, max, mean, std, nan, inf, zeros, count}, histogram{min, max, counts}, first, file}]}.
 * Values that do not exist (min of an all-NaN tensor) are null, never NaN.
 */
public final class InspectionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private InspectionJson() {
    }

    /**
     * Adds {@code intermediates}, {@code firstNonFinite}, {@code inspectRuns}, {@code inspectPaging} (how the runs were
     * paged within the memory budget) and {@code inspectMs} to {@code root}.
     */
    public static void addTo(ObjectNode root, Inspection inspection) {
        ArrayNode list = root.putArray("intermediates");
        for (TensorReport r : inspection.tensors()) {
            list.add(tensor(r));
        }
        inspection.firstNonFinite().ifPresentOrElse(r -> root.put("firstNonFinite", r.name()),
                () -> root.putNull("firstNonFinite"));
        root.put("inspectRuns", inspection.runs());
        dev.onnxworkbench.models.memory.PagingJson.put(root.putObject("inspectPaging"), inspection.paging());
        root.put("inspectMs", inspection.totalMillis());
    }

    public static ObjectNode tensor(TensorReport r) {
        ObjectNode o = NODES.objectNode();
        o.put("name", r.name());
        o.put("producer", r.producer());
        o.put("opType", r.opType());
        o.put("type", r.type());
        if (r.shape() == null) {
            o.putNull("shape");
        } else {
            ArrayNode shape = o.putArray("shape");
            for (long d : r.shape()) {
                shape.add(d);
            }
        }
        TensorStatistics s = r.stats();
        if (s == null) {
            o.putNull("stats");
        } else {
            ObjectNode stats = o.putObject("stats");
            number(stats, "min", s.min());
            number(stats, "max", s.max());
            number(stats, "mean", s.mean());
            number(stats, "std", s.std());
            stats.put("nan", s.nanCount());
            stats.put("inf", s.positiveInfinityCount() + s.negativeInfinityCount());
            stats.put("zeros", s.zeros());
            stats.put("count", s.count());
            ArrayNode first = o.putArray("first");
            for (double v : s.first()) {
                if (Double.isFinite(v)) {
                    first.add(v);
                } else {
                    first.add(Double.toString(v)); // "NaN", "Infinity": JSON has no such numbers
                }
            }
        }
        Histogram h = r.histogram();
        if (h != null) {
            ObjectNode histogram = o.putObject("histogram");
            number(histogram, "min", h.min());
            number(histogram, "max", h.max());
            ArrayNode counts = histogram.putArray("counts");
            for (long c : h.counts()) {
                counts.add(c);
            }
        }
        if (r.npyFile() != null) {
            o.put("file", r.npyFile().toString());
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
