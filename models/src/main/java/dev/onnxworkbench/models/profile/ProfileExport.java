package dev.onnxworkbench.models.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The profile as JSON ({@code profile --json}) and as CSV (one row per node). */
public final class ProfileExport {
    private ProfileExport() {
    }

    /** {@code totalMs, runs, nodes[{name, opType, provider, calls, totalMs, meanMs, share, flops}], opTypes[…], providers{}}. */
    public static ObjectNode json(ProfileReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("totalMs", report.totalMs());
        root.put("runs", report.runs());
        ArrayNode nodes = root.putArray("nodes");
        for (NodeProfile n : report.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("name", n.name());
            o.put("opType", n.opType());
            o.put("provider", n.provider());
            o.put("calls", n.calls());
            o.put("totalMs", n.totalMs());
            o.put("meanMs", n.meanMs());
            o.put("share", n.share());
            if (n.flops() >= 0) {
                o.put("flops", n.flops());
            } else {
                o.putNull("flops");
            }
        }
        ArrayNode ops = root.putArray("opTypes");
        for (OpTypeProfile op : report.opTypes()) {
            ObjectNode o = ops.addObject();
            o.put("opType", op.opType());
            o.put("calls", op.calls());
            o.put("totalMs", op.totalMs());
            o.put("share", op.share());
        }
        ObjectNode providers = root.putObject("providers");
        for (Map.Entry<String, Double> e : report.providers().entrySet()) {
            providers.put(e.getKey(), e.getValue());
        }
        return root;
    }

    /** name,opType,provider,calls,totalMs,meanMs,share,flops — one row per node, slowest first. */
    public static void csv(ProfileReport report, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("name,opType,provider,calls,totalMs,meanMs,share,flops\n");
            for (NodeProfile n : report.nodes()) {
                w.write(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%.6f,%.6f,%s%n", quote(n.name()), quote(n.opType()),
                        quote(n.provider()), n.calls(), n.totalMs(), n.meanMs(), n.share(),
                        n.flops() >= 0 ? Long.toString(n.flops()) : ""));
            }
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
