package dev.onnxworkbench.models.precision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.TensorDivergence;

/**
 * The {@code quantize --json} and {@code convert --json} formats (camelCase, stable; README documents them).
 * Numbers that are infinite or undefined are null.
 */
public final class PrecisionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PrecisionJson() {
    }

    public static ObjectNode quantization(QuantizationReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", r.source().toString());
        root.put("out", r.out().toString());
        root.put("mode", r.mode());
        ObjectNode o = root.putObject("options");
        o.put("method", r.mode().startsWith("static") ? r.options().method().displayName() : null);
        o.put("perChannel", r.options().perChannel());
        o.put("symmetricActivations", r.options().symmetricActivations());
        o.put("percentile", r.options().percentile());
        ArrayNode ex = o.putArray("exclude");
        r.options().exclude().stream().sorted().forEach(ex::add);
        ObjectNode q = root.putObject("quantized");
        r.quantized().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> q.put(e.getKey(), e.getValue()));
        ArrayNode names = root.putArray("quantizedNodes");
        r.quantizedNodes().forEach(names::add);
        ArrayNode kept = root.putArray("kept");
        for (QuantizationReport.Kept k : r.kept()) {
            kept.addObject().put("opType", k.opType()).put("count", k.count()).put("reason", k.reason());
        }
        ArrayNode excluded = root.putArray("excludedNodes");
        r.excludedNodes().forEach(excluded::add);
        root.put("foldedActivations", r.folded());
        root.put("weights", r.weights());
        root.put("constantWeights", r.constantWeights());
        if (r.calibration().isEmpty()) {
            root.putNull("calibration");
        } else {
            root.put("calibration", r.calibration());
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        sizes(root, r.bytesBefore(), r.bytesAfter());
        check(root, r.check());
        return root;
    }

    public static ObjectNode conversion(Fp16Report r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", r.source().toString());
        root.put("out", r.out().toString());
        root.put("precision", "fp16");
        root.put("keepIoTypes", r.options().keepIoTypes());
        ArrayNode blockOps = root.putArray("blockedOperators");
        r.options().blocked().stream().sorted().forEach(blockOps::add);
        root.put("initializers", r.initializers());
        root.put("constants", r.constants());
        root.put("clamped", r.clamped());
        root.put("raisedToMinimum", r.flushed());
        ObjectNode blocked = root.putObject("blockedNodes");
        r.blocked().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> blocked.put(e.getKey(), e.getValue()));
        ArrayNode range = root.putArray("outOfRangeNodes");
        r.rangeBlocked().forEach(range::add);
        root.put("castsInserted", r.castsInserted());
        sizes(root, r.bytesBefore(), r.bytesAfter());
        check(root, r.check());
        return root;
    }

    public static void accuracy(ObjectNode root, AccuracyReport a) {
        if (a == null) {
            root.putNull("accuracy");
            return;
        }
        ObjectNode acc = root.putObject("accuracy");
        acc.put("samples", a.samples());
        acc.put("set", a.set());
        ArrayNode outputs = acc.putArray("outputs");
        for (AccuracyReport.OutputAccuracy o : a.outputs()) {
            ObjectNode n = outputs.addObject();
            n.put("name", o.name());
            n.put("elements", o.elements());
            number(n, "maxAbsError", o.maxAbsError());
            number(n, "meanAbsError", o.meanAbsError());
            number(n, "maxRelError", o.maxRelError());
            number(n, "referenceAbsMean", o.referenceAbsMean());
            number(n, "top1Agreement", o.top1Agreement());
            if (o.boxes() == null) {
                n.putNull("boxAgreement");
            } else {
                var b = o.boxes();
                ObjectNode box = n.putObject("boxAgreement");
                box.put("threshold", b.threshold()).put("boxThreshold", b.boxThreshold()).put("iou", b.iou())
                        .put("referenceBoxes", b.referenceBoxes()).put("derivedBoxes", b.derivedBoxes())
                        .put("matched", b.matched());
                number(box, "precision", b.precision());
                number(box, "recall", b.recall());
                number(box, "f1", b.f1());
                ObjectNode de = box.putObject("detEval");
                de.put("areaRecall", MapBoxes.AREA_RECALL).put("areaPrecision", MapBoxes.AREA_PRECISION)
                        .put("splitMergeWeight", MapBoxes.SPLIT_MERGE_WEIGHT);
                number(de, "recall", b.detEvalRecall());
                number(de, "precision", b.detEvalPrecision());
                number(de, "f1", b.detEvalF1());
            }
        }
        if (a.labels() == null) {
            acc.putNull("labels");
        } else {
            acc.putObject("labels").put("output", a.labels().output()).put("rows", a.labels().rows())
                    .put("original", a.labels().original()).put("derived", a.labels().derived())
                    .put("delta", a.labels().delta()).put("measure", a.labels().detector() ? "detEvalF1" : "top1")
                    .put("boxes", a.labels().boxes());
        }
    }

    public static void latency(ObjectNode root, LatencyComparison l, String explanation) {
        if (l == null) {
            root.putNull("latency");
            return;
        }
        ObjectNode n = root.putObject("latency");
        n.set("originalMs", stats(l.original()));
        n.set("derivedMs", stats(l.derived()));
        number(n, "ratio", l.ratio());
        n.put("cpu", l.cpu());
        n.put("explanation", explanation);
    }

    public static void layers(ObjectNode root, DivergenceReport r, int limit) {
        if (r == null) {
            root.putNull("layers");
            return;
        }
        ArrayNode layers = root.putArray("layers");
        int i = 0;
        for (TensorDivergence t : LayerErrors.byMeanError(r)) {
            if (limit > 0 && i++ >= limit) {
                break;
            }
            ObjectNode n = layers.addObject();
            n.put("tensor", t.name());
            n.put("node", t.node());
            n.put("opType", t.opType());
            number(n, "maxAbsError", t.error().maxAbsError());
            number(n, "meanAbsError", t.error().meanAbsError());
            number(n, "meanAbsReference", t.error().meanAbsReference());
            number(n, "relativeMeanError", t.error().relativeMeanError());
            number(n, "maxRelError", t.error().maxRelError());
        }
    }

    private static ObjectNode stats(LatencyStats s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("runs", s.count());
        number(n, "p50", s.p50());
        number(n, "min", s.min());
        number(n, "max", s.max());
        number(n, "mean", s.mean());
        number(n, "std", s.std());
        return n;
    }

    private static void sizes(ObjectNode root, long before, long after) {
        ObjectNode s = root.putObject("sizes");
        s.put("before", before);
        s.put("after", after);
        number(s, "ratio", before > 0 ? (double) after / before : Double.NaN);
    }

    private static void check(ObjectNode root, ModelCheck c) {
        root.putObject("check").put("ok", c.ok()).put("message", c.message());
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
