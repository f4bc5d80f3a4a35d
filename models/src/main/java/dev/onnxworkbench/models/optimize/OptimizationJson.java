package dev.onnxworkbench.models.optimize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.bench.ProviderVariant;
import java.util.Map;

/**
 * The {@code optimize --json} object: {@code model, out, level, provider, options, nodesBefore, nodesAfter,
 * fused[{into, opType, count}], removed{opType: n}, added{opType: n}, folded{opType: n}, eliminated{opType: n},
 * levelAll{removed, added} (level all only: what its layout step changed after level extended),
 * check{ran, agrees, maxAbsError, message}, note}.
 */
public final class OptimizationJson {
    private OptimizationJson() {}

    public static ObjectNode write(OptimizedModel m) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("model", m.source().toString());
        root.put("out", m.out().toString());
        root.put("level", m.level());
        root.put("provider", ProviderVariant.cliName(m.settings().provider()));
        ObjectNode options = root.putObject("options");
        m.settings().options().forEach(options::put);
        var s = m.summary();
        root.put("nodesBefore", s.nodesBefore());
        root.put("nodesAfter", s.nodesAfter());
        var fused = root.putArray("fused");
        for (Fusion f : s.fused()) {
            fused.addObject().put("into", f.into()).put("opType", f.opType()).put("count", f.count());
        }
        counts(root.putObject("removed"), s.removed());
        counts(root.putObject("added"), s.added());
        counts(root.putObject("folded"), s.folded());
        counts(root.putObject("eliminated"), s.eliminated());
        if (s.levelAll() != null) {
            ObjectNode last = root.putObject("levelAll");
            counts(last.putObject("removed"), s.levelAll().removed());
            counts(last.putObject("added"), s.levelAll().added());
        }
        if (m.check() != null) {
            ObjectNode check = root.putObject("check");
            check.put("ran", m.check().ran());
            check.put("agrees", m.check().agrees());
            if (Double.isNaN(m.check().maxAbsError())) {
                check.putNull("maxAbsError");
            } else {
                check.put("maxAbsError", m.check().maxAbsError());
            }
            check.put("message", m.check().message());
        }
        root.put("summary", m.inWords());
        root.put("note", m.note());
        return root;
    }

    private static void counts(ObjectNode node, Map<String, Integer> counts) {
        counts.forEach(node::put);
    }
}
