package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.Tolerance;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.runtime.inputs.InputSetJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bench --json} format (DESIGN.md): {@code model, machine, providers[{provider, available,
 * reason, options, sessionCreateMs, firstRunMs, runs, latencyMs{min,mean,std,p50,p90,p95,p99,max},
 * throughputPerSec, agreement[...], nodePlacement{}}]}, plus {@code label, error, batches, nodes,
 * bareLoop} per row, {@code shapes} per batch, and {@code startedAt, settings, cancelled,
 * inputs[{name, type, shape, source}]} (the headline input set). With a precision axis, {@code precisions[{name,
 * label, file, bytes, origin, int8}]} and per row {@code precision, p50RatioToFp32, slowerBecause}. Numbers that are not finite (a row
 * that never ran, an infinite relative error) are written as null. Also reads it back, for the history.
 */
public final class BenchmarkJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BenchmarkJson() {}

    public static String write(BenchmarkReport report, boolean pretty) {
        try {
            ObjectNode root = toTree(report);
            return pretty ? MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
                    : MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a benchmark report", e);
        }
    }

    static ObjectNode toTree(BenchmarkReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", report.model());
        root.put("startedAt", report.startedAt().toString());
        MachineInfo m = report.machine();
        ObjectNode machine = root.putObject("machine");
        machine.put("os", m.os());
        machine.put("arch", m.arch());
        machine.put("cpu", m.cpu());
        machine.put("logicalCores", m.logicalCores());
        number(machine, "memoryGiB", m.memoryGiB());
        machine.put("javaVersion", m.javaVersion());
        machine.put("onnxRuntimeVersion", m.onnxRuntimeVersion());
        var s = report.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("warmupRuns", s.warmupRuns());
        settings.put("timedRuns", s.timedRuns());
        if (s.durationSeconds() == null) {
            settings.putNull("durationSeconds");
        } else {
            settings.put("durationSeconds", s.durationSeconds());
        }
        ArrayNode batches = settings.putArray("batchSizes");
        s.batchSizes().forEach(batches::add);
        settings.put("inputSeed", s.inputSeed());
        settings.put("inputs", s.inputs());
        settings.put("absoluteTolerance", s.tolerances().atol());
        settings.put("relativeTolerance", s.tolerances().rtol());
        InputSetJson.put(root, s.inputShapes());
        root.put("cancelled", report.cancelled());
        if (report.hasPrecisionAxis()) {
            ArrayNode precisions = root.putArray("precisions");
            Map<String, ModelPrecision> seen = new LinkedHashMap<>();
            report.providers().stream().map(ProviderResult::precision).filter(java.util.Objects::nonNull)
                    .forEach(p -> seen.putIfAbsent(p.name(), p));
            seen.values().forEach(p -> precisions.add(precision(p)));
        }
        ArrayNode providers = root.putArray("providers");
        for (ProviderResult r : report.providers()) {
            ObjectNode row = row(r);
            if (r.precision() != null) {
                row.put("precision", r.precision().name());
                number(row, "p50RatioToFp32", report.ratioToFp32(r));
                String why = report.whySlower(r);
                if (why.isEmpty()) {
                    row.putNull("slowerBecause");
                } else {
                    row.put("slowerBecause", why);
                }
            }
            providers.add(row);
        }
        return root;
    }

    private static ObjectNode row(ProviderResult r) {
        ObjectNode row = MAPPER.createObjectNode();
        row.put("provider", ProviderVariant.cliName(r.variant().provider()));
        row.put("label", r.variant().label());
        row.put("available", r.available());
        row.put("reason", r.reason());
        row.put("error", r.error());
        ObjectNode options = row.putObject("options");
        r.variant().options().forEach(options::put);
        number(row, "sessionCreateMs", r.sessionCreateMs());
        number(row, "firstRunMs", r.firstRunMs());
        row.put("runs", r.runs());
        if (r.latency() == null) {
            row.putNull("latencyMs");
        } else {
            row.set("latencyMs", stats(r.latency()));
        }
        number(row, "throughputPerSec", r.throughputPerSec());
        ArrayNode batches = row.putArray("batches");
        for (BatchResult b : r.batches()) {
            ObjectNode batch = batches.addObject();
            batch.put("batchSize", b.batchSize());
            batch.put("shapes", b.shapes());
            batch.put("runs", b.runs());
            batch.set("latencyMs", stats(b.latency()));
            number(batch, "throughputPerSec", b.throughputPerSec());
        }
        ArrayNode agreement = row.putArray("agreement");
        for (OutputAgreement a : r.agreement()) {
            ObjectNode o = agreement.addObject();
            o.put("output", a.output());
            number(o, "maxAbsError", a.maxAbsError());
            number(o, "maxRelError", a.maxRelError());
            o.put("mismatches", a.mismatches());
            o.put("pass", a.pass());
            o.put("note", a.note());
        }
        ObjectNode placement = row.putObject("nodePlacement");
        r.placement().counts().forEach(placement::put);
        ObjectNode nodes = row.putObject("nodes");
        r.placement().nodesByProvider().forEach((k, v) -> {
            ArrayNode list = nodes.putArray(k);
            v.forEach(list::add);
        });
        if (r.baseline() != null) {
            ObjectNode b = row.putObject("bareLoop");
            b.put("runs", r.baseline().runs());
            number(b, "p50Ms", r.baseline().bareLoopP50Ms());
            number(b, "meanMs", r.baseline().bareLoopMeanMs());
            number(b, "harnessOverheadUsPerRun", r.baseline().harnessOverheadUsPerRun());
        }
        return row;
    }

    /** {@code {name, label, file, bytes, origin, int8{...} | null}}. */
    private static ObjectNode precision(ModelPrecision p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", p.name());
        o.put("label", p.label());
        o.put("file", p.file().toString());
        o.put("bytes", p.bytes());
        o.put("origin", p.origin());
        Int8Facts f = p.int8();
        if (f == null) {
            o.putNull("int8");
            return o;
        }
        ObjectNode i = o.putObject("int8");
        i.put("cpu", f.cpu());
        i.put("cpuDotProduct", f.cpuDotProduct());
        i.put("format", f.format());
        i.put("signedActivations", f.signedActivations());
        i.put("quantizeLinear", f.quantizeNodes());
        i.put("dequantizeLinear", f.dequantizeNodes());
        if (f.quantizeLeft() < 0) {
            i.putNull("quantizeLinearAfterOptimization");
            i.putNull("dequantizeLinearAfterOptimization");
        } else {
            i.put("quantizeLinearAfterOptimization", f.quantizeLeft());
            i.put("dequantizeLinearAfterOptimization", f.dequantizeLeft());
        }
        ObjectNode around = i.putObject("unfusedAround");
        f.unfusedAround().forEach(around::put);
        i.put("note", f.optimizedNote());
        i.put("summary", f.summary());
        return o;
    }

    private static ModelPrecision readPrecision(JsonNode o) {
        JsonNode i = o.path("int8");
        Int8Facts facts = null;
        if (i.isObject()) {
            Map<String, Integer> around = new LinkedHashMap<>();
            i.path("unfusedAround").properties().forEach(e -> around.put(e.getKey(), e.getValue().asInt()));
            facts = new Int8Facts(i.path("cpu").asText(), i.path("cpuDotProduct").asBoolean(), i.path("format").asText(),
                    i.path("signedActivations").asBoolean(), i.path("quantizeLinear").asInt(),
                    i.path("dequantizeLinear").asInt(), i.path("quantizeLinearAfterOptimization").asInt(-1),
                    i.path("dequantizeLinearAfterOptimization").asInt(-1), around, text(i.path("note")));
        }
        return new ModelPrecision(o.path("name").asText(), o.path("label").asText(), java.nio.file.Path.of(
                o.path("file").asText()), o.path("bytes").asLong(), o.path("origin").asText(), facts);
    }

    private static ObjectNode stats(LatencyStats l) {
        ObjectNode o = MAPPER.createObjectNode();
        number(o, "min", l.min());
        number(o, "mean", l.mean());
        number(o, "std", l.std());
        number(o, "p50", l.p50());
        number(o, "p90", l.p90());
        number(o, "p95", l.p95());
        number(o, "p99", l.p99());
        number(o, "max", l.max());
        return o;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** Reads a report written by {@link #write}. */
    public static BenchmarkReport read(String json) throws BenchmarkException {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode m = root.path("machine");
            MachineInfo machine = new MachineInfo(m.path("os").asText(), m.path("arch").asText(), m.path("cpu").asText(),
                    m.path("logicalCores").asInt(), num(m.path("memoryGiB")), m.path("javaVersion").asText(),
                    m.path("onnxRuntimeVersion").asText());
            JsonNode s = root.path("settings");
            List<Integer> batchSizes = new ArrayList<>();
            s.path("batchSizes").forEach(b -> batchSizes.add(b.asInt()));
            var settings = new BenchmarkReport.BenchmarkSettings(s.path("warmupRuns").asInt(), s.path("timedRuns").asInt(),
                    s.path("durationSeconds").isNumber() ? s.path("durationSeconds").asDouble() : null, batchSizes,
                    s.path("inputSeed").asLong(), s.path("inputs").asText("random, seed " + s.path("inputSeed").asLong()), new Tolerance(s.path("relativeTolerance").asDouble(), s.path("absoluteTolerance").asDouble()),
                    InputSetJson.read(root.path("inputs")));
            Map<String, ModelPrecision> precisions = new LinkedHashMap<>();
            for (JsonNode p : root.path("precisions")) {
                ModelPrecision precision = readPrecision(p);
                precisions.put(precision.name(), precision);
            }
            List<ProviderResult> rows = new ArrayList<>();
            for (JsonNode r : root.path("providers")) {
                rows.add(readRow(r, precisions.get(r.path("precision").asText(""))));
            }
            return new BenchmarkReport(root.path("model").asText(), Instant.parse(root.path("startedAt").asText()), machine,
                    settings, rows, root.path("cancelled").asBoolean());
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkException("This is not a benchmark result the workbench wrote: " + e.getMessage(), e);
        }
    }

    private static ProviderResult readRow(JsonNode r, ModelPrecision precision) throws BenchmarkException {
        Map<String, String> options = new LinkedHashMap<>();
        r.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        ProviderVariant variant = new ProviderVariant(new dev.onnxworkbench.models.runtime.ProviderSettings(
                ProviderVariant.parseProvider(r.path("provider").asText()), options));
        List<BatchResult> batches = new ArrayList<>();
        for (JsonNode b : r.path("batches")) {
            batches.add(new BatchResult(b.path("batchSize").asInt(), readStats(b.path("latencyMs"), b.path("runs").asInt()),
                    num(b.path("throughputPerSec")), b.path("shapes").asText("")));
        }
        List<OutputAgreement> agreement = new ArrayList<>();
        for (JsonNode a : r.path("agreement")) {
            agreement.add(new OutputAgreement(a.path("output").asText(), num(a.path("maxAbsError")), num(a.path("maxRelError")),
                    a.path("mismatches").asLong(), a.path("pass").asBoolean(), text(a.path("note"))));
        }
        Map<String, List<String>> nodes = new LinkedHashMap<>();
        r.path("nodes").properties().forEach(e -> {
            List<String> names = new ArrayList<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            nodes.put(e.getKey(), names);
        });
        JsonNode b = r.path("bareLoop");
        BareLoopBaseline baseline = b.isObject() ? new BareLoopBaseline(b.path("runs").asInt(), num(b.path("p50Ms")),
                num(b.path("meanMs")), num(b.path("harnessOverheadUsPerRun"))) : null;
        return new ProviderResult(variant, r.path("available").asBoolean(), text(r.path("reason")), text(r.path("error")),
                num(r.path("sessionCreateMs")), num(r.path("firstRunMs")), batches, agreement, new NodePlacement(nodes), baseline,
                precision);
    }

    private static LatencyStats readStats(JsonNode l, int runs) {
        return new LatencyStats(runs, num(l.path("min")), num(l.path("mean")), num(l.path("std")), num(l.path("p50")),
                num(l.path("p90")), num(l.path("p95")), num(l.path("p99")), num(l.path("max")));
    }

    private static double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }
}
