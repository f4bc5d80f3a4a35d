package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops nodes whose outputs nothing reads, in a graph and its If/Loop/Scan bodies: once a weight is replaced by
 * a quantized one, the Slice/Concat/Unsqueeze chain that built the float weight (and the float weight itself,
 * when nothing else reads it) would otherwise stay in the file and keep it as large as before.
 */
final class DeadNodes {
    private DeadNodes() {}

    /** Prunes {@code g} in place; body initializers nothing reads go too (the caller prunes top-level ones). */
    static void prune(GraphProto.Builder g) {
        Set<String> live = new HashSet<>();
        g.getOutputList().forEach(o -> live.add(o.getName()));
        List<NodeProto> kept = prune(g.getNodeList(), live);
        g.clearNode().addAllNode(kept);
    }

    /** Returns the live nodes of {@code nodes} (in order); {@code live} gains every name they read. */
    private static List<NodeProto> prune(List<NodeProto> nodes, Set<String> live) {
        List<NodeProto> kept = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().noneMatch(live::contains)) {
                continue;
            }
            NodeProto.Builder b = n.toBuilder();
            for (int a = 0; a < b.getAttributeCount(); a++) {
                AttributeProto attr = b.getAttribute(a);
                if (attr.hasG()) {
                    b.setAttribute(a, attr.toBuilder().setG(body(attr.getG(), live)));
                }
                if (attr.getGraphsCount() > 0) {
                    AttributeProto.Builder ab = attr.toBuilder().clearGraphs();
                    attr.getGraphsList().forEach(sub -> ab.addGraphs(body(sub, live)));
                    b.setAttribute(a, ab);
                }
            }
            live.addAll(n.getInputList());
            kept.add(b.build());
        }
        Collections.reverse(kept);
        return kept;
    }

    /** A pruned body; {@code outerLive} gains the names it reads (its outer-scope captures among them). */
    private static GraphProto body(GraphProto body, Set<String> outerLive) {
        Set<String> live = new HashSet<>();
        body.getOutputList().forEach(o -> live.add(o.getName()));
        List<NodeProto> kept = prune(body.getNodeList(), live);
        List<TensorProto> inits = body.getInitializerList().stream().filter(t -> live.contains(t.getName())).toList();
        Set<String> local = new HashSet<>();
        body.getInputList().stream().map(ValueInfoProto::getName).forEach(local::add);
        inits.forEach(t -> local.add(t.getName()));
        kept.forEach(n -> local.addAll(n.getOutputList()));
        live.stream().filter(name -> !local.contains(name)).forEach(outerLive::add);
        return body.toBuilder().clearNode().addAllNode(kept).clearInitializer().addAllInitializer(inits).build();
    }
}
