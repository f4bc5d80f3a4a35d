package dev.onnxworkbench.models.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.runtime.SessionConfig;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;

/**
 * The {@code tune --json} object: {@code model, inputs[{name, type, shape, source}], budgetS, elapsedS,
 * candidates[{config, label, isDefault, precision, p50Ms, p99Ms, runs, agrees, maxAbsError, status, reason}],
 * best{config, label, precision, p50Ms, p99Ms}, default{p50Ms, p99Ms}, speedup, finalRound, cancelled, out}.
 * {@code precision} is fp32 for the model itself, else the copy's name (fp16, int8-dynamic, int8-static,
 * variant:FILE); status {@code rejected} is a copy whose error against FP32 is over the precision tolerance.
 * {@code config} is the session config file's object ({@link SessionConfig#toJson}).
 */
public final class TuneJson {
    private TuneJson() {}

    /** @param out the saved config file, or null when none was written */
    public static ObjectNode write(TuneReport report, String out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", report.model());
        var inputs = root.putArray("inputs");
        for (InputDescription d : report.inputs()) {
            ObjectNode i = inputs.addObject().put("name", d.name()).put("type", d.type());
            var shape = i.putArray("shape");
            for (long v : d.shape()) {
                shape.add(v);
            }
            i.put("source", d.source());
        }
        root.put("budgetS", report.budgetSeconds());
        root.put("elapsedS", Math.round(report.elapsedSeconds() * 10) / 10.0);
        var candidates = root.putArray("candidates");
        for (Candidate c : report.candidates()) {
            ObjectNode n = candidates.addObject();
            n.set("config", SessionConfig.toJson(c.settings()));
            n.put("label", c.label());
            n.put("isDefault", c.isDefault());
            n.put("precision", c.precision() == null ? ModelPrecision.FP32 : c.precision().name());
            number(n, "p50Ms", c.p50Ms());
            number(n, "p99Ms", c.p99Ms());
            n.put("runs", c.latency() == null ? 0 : c.latency().count());
            n.put("agrees", c.agrees());
            number(n, "maxAbsError", c.maxAbsError());
            n.put("status", c.status().jsonName());
            if (c.reason() == null) {
                n.putNull("reason");
            } else {
                n.put("reason", c.reason());
            }
        }
        if (report.best() == null) {
            root.putNull("best");
        } else {
            ObjectNode best = root.putObject("best");
            best.set("config", SessionConfig.toJson(report.best().settings()));
            best.put("label", report.best().label());
            best.put("precision", report.best().precision() == null ? ModelPrecision.FP32
                    : report.best().precision().name());
            latency(best, report.bestLatency());
        }
        if (report.defaultLatency() == null) {
            root.putNull("default");
        } else {
            latency(root.putObject("default"), report.defaultLatency());
        }
        number(root, "speedup", report.speedup());
        root.put("finalRound", report.finalRound());
        root.put("cancelled", report.cancelled());
        if (out == null) {
            root.putNull("out");
        } else {
            root.put("out", out);
        }
        return root;
    }

    private static void latency(ObjectNode node, LatencyStats stats) {
        number(node, "p50Ms", stats == null ? Double.NaN : stats.p50());
        number(node, "p99Ms", stats == null ? Double.NaN : stats.p99());
        node.put("runs", stats == null ? 0 : stats.count());
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 10000) / 10000.0);
        }
    }
}
