package dev.onnxworkbench.models.opset;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.ops.OperatorCatalog;
import dev.onnxworkbench.models.ops.OperatorSchema;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.rewrite.Structure;
import dev.onnxworkbench.models.rewrite.StructureEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts a model's default-domain ("ai.onnx") opset upwards, operator by operator, never by changing the
 * import's number alone. For each opset between the model's and the target, every node (in If/Loop/Scan
 * bodies too) whose operator got a new version in that opset goes through the converter for that step
 * (see {@link Adapters}); a step without one is refused, naming the operator, the step and the nodes.
 * Other domains (ai.onnx.ml, com.microsoft) are left as they are. The IR version rises to what the target
 * opset needs.
 *
 * <p>A {@link StructureEdit}: apply it to a {@link ModelRewriter} (weights stream from the mapping), or use
 * {@link #convert(Model, int)} for a derived model in a temporary folder.
 * <pre>{@code
 * OpsetConverter to17 = new OpsetConverter(17);
 * try (DerivedModel d = ModelRewriter.open(path).transform(to17).write()) { ... to17.conversion() ... }
 * }</pre>
 */
public final class OpsetConverter implements StructureEdit {
    /** The newest opset with converters for every step known to the catalog's operators used in practice. */
    public static final int NEWEST = 23;

    private static final OperatorCatalog CATALOG = OperatorCatalog.loadBundled();

    private final int target;
    private OpsetConversion conversion;

    public OpsetConverter(int targetOpset) {
        this.target = targetOpset;
    }

    /** Converts the model's file into a derived model in a private temporary folder (close it to delete). */
    public static DerivedModel convert(Model model, int targetOpset) throws WorkbenchException {
        if (model.path() == null) {
            throw new OpsetConversionException("The model was not read from a file; only files can be converted.");
        }
        return ModelRewriter.open(model.path()).transform(new OpsetConverter(targetOpset)).write();
    }

    /** What the last {@link #apply} did; null before. */
    public OpsetConversion conversion() {
        return conversion;
    }

    @Override
    public void apply(Structure structure) throws WorkbenchException {
        ModelProto.Builder header = structure.header();
        long source = defaultOpset(header);
        if (source < 0) {
            throw new OpsetConversionException(structure.modelName() + " imports no default-domain (ai.onnx) opset to convert.");
        }
        if (target < source) {
            throw new OpsetConversionException("Converting " + structure.modelName() + " down from opset " + source + " to "
                    + target + " is not supported; only upgrades are.");
        }
        if (target > NEWEST) {
            throw new OpsetConversionException("Opset " + target + " is past the newest this converter knows (" + NEWEST + ").");
        }
        Map<String, StepCount> done = new LinkedHashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        GraphProto.Builder graph = structure.graph().clone();
        Set<String> names = new HashSet<>();
        collectNames(graph, names);
        for (int opset = (int) source + 1; opset <= target; opset++) {
            step(graph, opset, new GraphContext(graph, structure, names, Map.of()), done, missing);
        }
        if (!missing.isEmpty()) {
            List<String> parts = new ArrayList<>();
            missing.forEach((what, nodes) -> parts.add(what + " (" + nodeList(nodes) + ")"));
            throw new OpsetConversionException("Cannot convert " + structure.modelName() + " from opset " + source + " to "
                    + target + ": " + String.join("; ", parts) + ".");
        }
        structure.graph().clear().mergeFrom(graph.build());
        setDefaultOpset(header, target);
        header.setIrVersion(Math.max(header.getIrVersion(), irVersionFor(target)));
        List<ConversionStep> steps = new ArrayList<>();
        done.values().forEach(c -> steps.add(new ConversionStep(c.opType, c.toOpset, c.nodes, c.change)));
        conversion = new OpsetConversion(source, target, steps);
    }

    private static String nodeList(List<String> nodes) {
        String shown = String.join(", ", nodes.subList(0, Math.min(5, nodes.size())));
        return nodes.size() > 5 ? shown + " and " + (nodes.size() - 5) + " more" : shown;
    }

    /** One opset step over a graph and, first, the bodies of its nodes. */
    private void step(GraphProto.Builder graph, int opset, GraphContext context, Map<String, StepCount> done,
                      Map<String, List<String>> missing) throws WorkbenchException {
        List<NodeProto> converted = new ArrayList<>(graph.getNodeCount());
        for (NodeProto original : graph.getNodeList()) {
            NodeProto.Builder node = original.toBuilder();
            stepBodies(node, opset, context, done, missing);
            if (!isDefaultDomain(node.getDomain()) || !changesAt(node.getOpType(), opset)) {
                converted.add(node.build());
                continue;
            }
            Optional<Adapters.Entry> entry = Adapters.find(node.getOpType(), opset);
            if (entry.isEmpty()) {
                String what = "no converter for " + node.getOpType() + " " + (opset - 1) + "→" + opset;
                missing.computeIfAbsent(what, k -> new ArrayList<>()).add(Nodes.label(node));
                converted.add(node.build());
                continue;
            }
            String opType = node.getOpType();
            try {
                entry.get().adapter().adapt(node, context, converted);
            } catch (OpsetConversionException e) {
                missing.computeIfAbsent("cannot convert " + opType + " " + (opset - 1) + "→" + opset + ": "
                        + e.getMessage(), k -> new ArrayList<>()).add(Nodes.label(node));
                converted.add(original);
                continue;
            }
            done.computeIfAbsent(opType + "@" + opset, k -> new StepCount(opType, opset, entry.get().change())).nodes++;
        }
        graph.clearNode().addAllNode(converted);
    }

    private void stepBodies(NodeProto.Builder node, int opset, GraphContext outer, Map<String, StepCount> done,
                            Map<String, List<String>> missing) throws WorkbenchException {
        for (int i = 0; i < node.getAttributeCount(); i++) {
            AttributeProto a = node.getAttribute(i);
            if (!a.hasG() && a.getGraphsCount() == 0) {
                continue;
            }
            AttributeProto.Builder b = a.toBuilder();
            if (a.hasG()) {
                b.setG(stepBody(a.getG(), opset, outer, done, missing));
            }
            for (int j = 0; j < a.getGraphsCount(); j++) {
                b.setGraphs(j, stepBody(a.getGraphs(j), opset, outer, done, missing));
            }
            node.setAttribute(i, b);
        }
    }

    private GraphProto stepBody(GraphProto body, int opset, GraphContext outer, Map<String, StepCount> done,
                                Map<String, List<String>> missing) throws WorkbenchException {
        GraphProto.Builder b = body.toBuilder();
        Map<String, TypeProto.Tensor> visible = new LinkedHashMap<>(outer.types());
        step(b, opset, new GraphContext(b, outer.structure(), outer.names(), visible), done, missing);
        return b.build();
    }

    /** Whether the operator got a new version in {@code opset} (or was removed then). */
    static boolean changesAt(String opType, int opset) {
        Optional<OperatorSchema> now = CATALOG.resolve(OperatorCatalog.DEFAULT_DOMAIN, opType, opset);
        Optional<OperatorSchema> before = CATALOG.resolve(OperatorCatalog.DEFAULT_DOMAIN, opType, opset - 1);
        if (before.isEmpty()) {
            return false; // an unknown operator is reported by validation, not here; a new one cannot be in the model
        }
        return now.isEmpty() || now.get().sinceVersion() == opset;
    }

    static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    static long defaultOpset(ModelProto.Builder header) {
        long version = -1;
        for (OperatorSetIdProto o : header.getOpsetImportList()) {
            if (isDefaultDomain(o.getDomain())) {
                version = Math.max(version, o.getVersion());
            }
        }
        return version;
    }

    private static void setDefaultOpset(ModelProto.Builder header, int version) {
        for (int i = 0; i < header.getOpsetImportCount(); i++) {
            if (isDefaultDomain(header.getOpsetImport(i).getDomain())) {
                header.setOpsetImport(i, header.getOpsetImport(i).toBuilder().setVersion(version));
            }
        }
    }

    /** The lowest IR version that may import the opset (onnx's helper.VERSION_TABLE). */
    static long irVersionFor(int opset) {
        if (opset <= 8) {
            return 3;
        }
        if (opset <= 9) {
            return 4;
        }
        if (opset <= 10) {
            return 5;
        }
        if (opset <= 11) {
            return 6;
        }
        if (opset <= 14) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        if (opset <= 20) {
            return 9;
        }
        if (opset <= 22) {
            return 10;
        }
        return 11;
    }

    private static void collectNames(GraphProto.Builder graph, Set<String> names) {
        collectNames(graph.build(), names);
    }

    private static void collectNames(GraphProto graph, Set<String> names) {
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getOutputList().forEach(v -> names.add(v.getName()));
        graph.getValueInfoList().forEach(v -> names.add(v.getName()));
        for (TensorProto t : graph.getInitializerList()) {
            names.add(t.getName());
        }
        for (NodeProto n : graph.getNodeList()) {
            names.add(n.getName());
            names.addAll(n.getInputList());
            names.addAll(n.getOutputList());
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    collectNames(a.getG(), names);
                }
                for (GraphProto g : a.getGraphsList()) {
                    collectNames(g, names);
                }
            }
        }
    }

    private static final class StepCount {
        final String opType;
        final int toOpset;
        final String change;
        int nodes;

        StepCount(String opType, int toOpset, String change) {
            this.opType = opType;
            this.toOpset = toOpset;
            this.change = change;
        }
    }
}
