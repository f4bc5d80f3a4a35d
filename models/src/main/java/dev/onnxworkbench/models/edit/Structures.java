package dev.onnxworkbench.models.edit;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TensorShapeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.ops.AttributeSchema;
import dev.onnxworkbench.models.ops.OperatorCatalog;
import dev.onnxworkbench.models.rewrite.Structure;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.Shapes;
import dev.onnxworkbench.models.tensor.TensorFiles;
import dev.onnxworkbench.models.tensor.TensorRequest;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The edits' work on the top-level graph, each checking its names first so a refused edit changes nothing. */
final class Structures {
    private static final OperatorCatalog CATALOG = OperatorCatalog.loadBundled();

    private Structures() {
    }

    // ---- names ----

    /** Every value name of the top-level graph (inputs, outputs, initializers, node inputs and outputs). */
    static Set<String> valueNames(GraphProto.Builder g) {
        Set<String> names = new LinkedHashSet<>();
        g.getInputList().forEach(v -> names.add(v.getName()));
        g.getOutputList().forEach(v -> names.add(v.getName()));
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        for (NodeProto n : g.getNodeList()) {
            names.addAll(n.getInputList());
            names.addAll(n.getOutputList());
        }
        names.remove("");
        return names;
    }

    static void rename(Structure s, String from, String to) throws EditException {
        GraphProto.Builder g = s.graph();
        Set<String> names = valueNames(g);
        if (!names.contains(from)) {
            throw new EditException(s.modelName() + " has no input, output or tensor named '" + from + "'.");
        }
        if (to.isBlank()) {
            throw new EditException("A new name for '" + from + "' cannot be empty.");
        }
        if (names.contains(to) || anyBodyUses(g.build(), to)) {
            throw new EditException("The name '" + to + "' is already used in " + s.modelName() + "; names must stay unique.");
        }
        for (int i = 0; i < g.getInputCount(); i++) {
            if (g.getInput(i).getName().equals(from)) {
                g.setInput(i, g.getInput(i).toBuilder().setName(to));
            }
        }
        for (int i = 0; i < g.getOutputCount(); i++) {
            if (g.getOutput(i).getName().equals(from)) {
                g.setOutput(i, g.getOutput(i).toBuilder().setName(to));
            }
        }
        for (int i = 0; i < g.getValueInfoCount(); i++) {
            if (g.getValueInfo(i).getName().equals(from)) {
                g.setValueInfo(i, g.getValueInfo(i).toBuilder().setName(to));
            }
        }
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(from)) {
                g.setInitializer(i, g.getInitializer(i).toBuilder().setName(to));
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            g.setNode(i, renameInNode(g.getNode(i), from, to));
        }
    }

    private static NodeProto renameInNode(NodeProto node, String from, String to) {
        NodeProto.Builder n = node.toBuilder();
        for (int j = 0; j < n.getInputCount(); j++) {
            if (n.getInput(j).equals(from)) {
                n.setInput(j, to);
            }
        }
        for (int j = 0; j < n.getOutputCount(); j++) {
            if (n.getOutput(j).equals(from)) {
                n.setOutput(j, to);
            }
        }
        for (int j = 0; j < n.getAttributeCount(); j++) {
            AttributeProto a = n.getAttribute(j);
            if (a.hasG() || a.getGraphsCount() > 0) { // bodies read outer-scope values by name
                AttributeProto.Builder b = a.toBuilder();
                if (a.hasG()) {
                    b.setG(renameInBody(a.getG(), from, to));
                }
                for (int k = 0; k < a.getGraphsCount(); k++) {
                    b.setGraphs(k, renameInBody(a.getGraphs(k), from, to));
                }
                n.setAttribute(j, b);
            }
        }
        return n.build();
    }

    private static GraphProto renameInBody(GraphProto body, String from, String to) {
        GraphProto.Builder b = body.toBuilder();
        for (int i = 0; i < b.getNodeCount(); i++) {
            b.setNode(i, renameInNode(b.getNode(i), from, to));
        }
        return b.build();
    }

    private static boolean anyBodyUses(GraphProto g, String name) {
        for (NodeProto n : g.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                List<GraphProto> bodies = new ArrayList<>(a.getGraphsList());
                if (a.hasG()) {
                    bodies.add(a.getG());
                }
                for (GraphProto body : bodies) {
                    if (body.getInputList().stream().anyMatch(v -> v.getName().equals(name))
                            || body.getNodeList().stream().anyMatch(m -> m.getOutputList().contains(name))
                            || anyBodyUses(body, name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- input shapes ----

    private static int inputIndex(Structure s, String input) throws EditException {
        GraphProto.Builder g = s.graph();
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        for (int i = 0; i < g.getInputCount(); i++) {
            if (g.getInput(i).getName().equals(input)) {
                if (initializers.contains(input)) {
                    throw new EditException("'" + input + "' is a weight with a default value in " + s.modelName()
                            + "; its shape is the weight's (replace the weight instead).");
                }
                if (!g.getInput(i).getType().hasTensorType()) {
                    throw new EditException("The input '" + input + "' is not a tensor; only tensor shapes can be set.");
                }
                return i;
            }
        }
        throw new EditException(s.modelName() + " has no input named '" + input + "' (inputs: "
                + String.join(", ", g.getInputList().stream().map(ValueInfoProto::getName)
                .filter(n -> !initializers.contains(n)).toList()) + ").");
    }

    static List<String> setInputShape(Structure s, String input, List<String> dims) throws EditException {
        int i = inputIndex(s, input);
        ValueInfoProto v = s.graph().getInput(i);
        List<String> old = dimsOf(v);
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            shape.addDim(dimension(input, d));
        }
        checkAgainstWeights(s, input, shape.build());
        s.graph().setInput(i, withShape(v, shape.build()));
        return old;
    }

    static String setDimension(Structure s, String input, int axis, String dim) throws EditException {
        int i = inputIndex(s, input);
        ValueInfoProto v = s.graph().getInput(i);
        TypeProto.Tensor t = v.getType().getTensorType();
        if (!t.hasShape()) {
            throw new EditException("The input '" + input + "' has no recorded rank; set its whole shape instead.");
        }
        int rank = t.getShape().getDimCount();
        if (axis < 0 || axis >= rank) {
            throw new EditException("The input '" + input + "' has " + rank + " dimensions; there is no dimension " + axis + ".");
        }
        String old = dimsOf(v).get(axis);
        TensorShapeProto.Builder shape = t.getShape().toBuilder();
        shape.setDim(axis, dimension(input, dim));
        checkAgainstWeights(s, input, shape.build());
        s.graph().setInput(i, withShape(v, shape.build()));
        return old;
    }

    /**
     * Refuses a static input size that the weights of the nodes reading the input contradict: a Conv's
     * input channels (weight dim 1 × group), a ConvTranspose's (weight dim 0), a MatMul's or Gemm's inner size.
     */
    private static void checkAgainstWeights(Structure s, String input, TensorShapeProto shape) throws EditException {
        Map<String, TensorProto> weights = new HashMap<>();
        s.graph().getInitializerList().forEach(t -> weights.put(t.getName(), t));
        int rank = shape.getDimCount();
        for (NodeProto n : s.graph().getNodeList()) {
            if (n.getInputCount() < 2 || !n.getInput(0).equals(input) || !weights.containsKey(n.getInput(1))) {
                continue;
            }
            TensorProto w = weights.get(n.getInput(1));
            int axis;
            long needed;
            switch (n.getOpType()) {
                case "Conv" -> {
                    if (w.getDimsCount() < 2) {
                        continue;
                    }
                    long group = n.getAttributeList().stream().filter(a -> a.getName().equals("group")).mapToLong(a -> a.getI())
                            .findFirst().orElse(1);
                    axis = 1;
                    needed = w.getDims(1) * group;
                }
                case "ConvTranspose" -> {
                    axis = 1;
                    needed = w.getDims(0);
                }
                case "MatMul" -> {
                    if (w.getDimsCount() != 2) {
                        continue;
                    }
                    axis = rank - 1;
                    needed = w.getDims(0);
                }
                case "Gemm" -> {
                    boolean transA = n.getAttributeList().stream().anyMatch(a -> a.getName().equals("transA") && a.getI() == 1);
                    boolean transB = n.getAttributeList().stream().anyMatch(a -> a.getName().equals("transB") && a.getI() == 1);
                    axis = transA ? 0 : 1;
                    needed = w.getDimsCount() == 2 ? w.getDims(transB ? 1 : 0) : -1;
                }
                default -> {
                    continue;
                }
            }
            if (axis < 0 || axis >= rank || needed < 0 || !shape.getDim(axis).hasDimValue()) {
                continue;
            }
            long given = shape.getDim(axis).getDimValue();
            if (given != needed) {
                throw new EditException("Dimension " + axis + " of '" + input + "' set to " + given + " contradicts the weight '"
                        + w.getName() + "' " + Shapes.format(w.getDimsList().stream().mapToLong(Long::longValue).toArray())
                        + " of " + n.getOpType() + " node '" + label(n) + "', which needs " + needed + ".");
            }
        }
    }

    private static ValueInfoProto withShape(ValueInfoProto v, TensorShapeProto shape) {
        TypeProto.Tensor t = v.getType().getTensorType().toBuilder().setShape(shape).build();
        return v.toBuilder().setType(v.getType().toBuilder().setTensorType(t)).build();
    }

    static List<String> dimsOf(ValueInfoProto v) {
        List<String> dims = new ArrayList<>();
        TypeProto.Tensor t = v.getType().getTensorType();
        for (TensorShapeProto.Dimension d : t.getShape().getDimList()) {
            dims.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() ? d.getDimParam() : "?");
        }
        return dims;
    }

    private static TensorShapeProto.Dimension dimension(String input, String text) throws EditException {
        String d = text.strip();
        TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
        if (d.equals("?") || d.isEmpty()) {
            return b.build();
        }
        if (d.matches("-?\\d+")) {
            long value = Long.parseLong(d);
            if (value < 0) {
                throw new EditException("A dimension of '" + input + "' cannot be " + value + "; use a name or ? for a free one.");
            }
            return b.setDimValue(value).build();
        }
        if (!d.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
            throw new EditException("'" + d + "' is not a dimension of '" + input + "': give a number, a name or ?.");
        }
        return b.setDimParam(d).build();
    }

    // ---- outputs ----

    static void addOutput(Structure s, String tensor) throws EditException {
        GraphProto.Builder g = s.graph();
        if (g.getOutputList().stream().anyMatch(o -> o.getName().equals(tensor))) {
            throw new EditException("'" + tensor + "' is already an output of " + s.modelName() + ".");
        }
        boolean produced = g.getNodeList().stream().anyMatch(n -> n.getOutputList().contains(tensor))
                || g.getInputList().stream().anyMatch(v -> v.getName().equals(tensor));
        if (!produced) {
            throw new EditException("No node of " + s.modelName() + " produces a tensor named '" + tensor + "'.");
        }
        ValueInfoProto info = g.getValueInfoList().stream().filter(v -> v.getName().equals(tensor)).findFirst()
                .orElse(ValueInfoProto.newBuilder().setName(tensor).build());
        g.addOutput(info);
    }

    static void removeOutput(Structure s, String tensor) throws EditException {
        GraphProto.Builder g = s.graph();
        for (int i = 0; i < g.getOutputCount(); i++) {
            if (g.getOutput(i).getName().equals(tensor)) {
                if (g.getOutputCount() == 1) {
                    throw new EditException("'" + tensor + "' is the only output of " + s.modelName() + "; a model needs one.");
                }
                g.removeOutput(i);
                return;
            }
        }
        throw new EditException("'" + tensor + "' is not an output of " + s.modelName() + ".");
    }

    // ---- nodes ----

    /** The index of a node by its name, else by one of its output names (many exporters leave nodes unnamed). */
    static int nodeIndex(Structure s, String node) throws EditException {
        GraphProto.Builder g = s.graph();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals(node)) {
                return i;
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOutputList().contains(node)) {
                return i;
            }
        }
        throw new EditException(s.modelName() + " has no node named '" + node + "' (nor one producing a tensor of that name).");
    }

    static void deleteNode(Structure s, String node) throws EditException {
        GraphProto.Builder g = s.graph();
        int index = nodeIndex(s, node);
        NodeProto victim = g.getNode(index);
        Set<String> outputs = new HashSet<>(victim.getOutputList());
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (i != index && reads(g.getNode(i)).stream().anyMatch(outputs::contains)) {
                readers.add(label(g.getNode(i)));
            }
        }
        if (!readers.isEmpty()) {
            throw new EditException("The node '" + label(victim) + "' feeds " + String.join(", ", readers)
                    + "; delete those first (or extract the part you want).");
        }
        List<ValueInfoProto> keptOutputs = g.getOutputList().stream().filter(o -> !outputs.contains(o.getName())).toList();
        if (keptOutputs.isEmpty()) {
            throw new EditException("Deleting '" + label(victim) + "' would leave " + s.modelName() + " without outputs.");
        }
        g.removeNode(index);
        g.clearOutput().addAllOutput(keptOutputs);
        removeDead(g);
    }

    /** Drops nodes none of whose outputs are read or exported, then initializers nobody reads, until none is left. */
    static void removeDead(GraphProto.Builder g) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> read = new HashSet<>();
            g.getOutputList().forEach(o -> read.add(o.getName()));
            for (NodeProto n : g.getNodeList()) {
                read.addAll(reads(n));
            }
            for (int i = g.getNodeCount() - 1; i >= 0; i--) {
                NodeProto n = g.getNode(i);
                if (n.getOutputCount() > 0 && n.getOutputList().stream().noneMatch(read::contains)) {
                    g.removeNode(i);
                    changed = true;
                }
            }
            if (!changed) {
                for (int i = g.getInitializerCount() - 1; i >= 0; i--) {
                    if (!read.contains(g.getInitializer(i).getName())) {
                        String name = g.getInitializer(i).getName();
                        g.removeInitializer(i);
                        for (int j = g.getInputCount() - 1; j >= 0; j--) {
                            if (g.getInput(j).getName().equals(name)) {
                                g.removeInput(j); // a default-valued weight input goes with its weight
                            }
                        }
                    }
                }
            }
        }
    }

    /** Names a node reads, its bodies' outer-scope reads included. */
    static Set<String> reads(NodeProto n) {
        Set<String> names = new HashSet<>(n.getInputList());
        for (AttributeProto a : n.getAttributeList()) {
            List<GraphProto> bodies = new ArrayList<>(a.getGraphsList());
            if (a.hasG()) {
                bodies.add(a.getG());
            }
            for (GraphProto body : bodies) {
                for (NodeProto m : body.getNodeList()) {
                    names.addAll(reads(m));
                }
            }
        }
        names.remove("");
        return names;
    }

    static String label(NodeProto n) {
        return n.getName().isEmpty() ? (n.getOutputCount() > 0 ? n.getOutput(0) : n.getOpType()) : n.getName();
    }

    // ---- attributes ----

    static void setAttribute(Structure s, String node, String attribute, String value) throws EditException {
        int index = nodeIndex(s, node);
        NodeProto.Builder n = s.graph().getNode(index).toBuilder();
        AttributeProto.AttributeType type = null;
        int at = -1;
        for (int i = 0; i < n.getAttributeCount(); i++) {
            if (n.getAttribute(i).getName().equals(attribute)) {
                type = n.getAttribute(i).getType();
                at = i;
            }
        }
        if (type == null) {
            long opset = opsetOf(s, n.getDomain());
            var schema = CATALOG.resolve(n.getDomain(), n.getOpType(), opset);
            AttributeSchema declared = schema.flatMap(sc -> sc.attributes().stream()
                    .filter(a -> a.name().equals(attribute)).findFirst()).orElse(null);
            if (declared == null) {
                throw new EditException(n.getOpType() + " node '" + label(n.build()) + "' has no attribute '" + attribute
                        + "'" + schema.map(sc -> " (its attributes: " + String.join(", ", sc.attributes().stream()
                        .map(AttributeSchema::name).toList()) + ")").orElse("") + ".");
            }
            type = AttributeProto.AttributeType.valueOf(declared.type().toUpperCase(java.util.Locale.ROOT));
        }
        AttributeProto parsed = parseAttribute(label(n.build()), attribute, type, value);
        if (at >= 0) {
            n.setAttribute(at, parsed);
        } else {
            n.addAttribute(parsed);
        }
        s.graph().setNode(index, n);
    }

    private static long opsetOf(Structure s, String domain) {
        String d = domain.isEmpty() ? "ai.onnx" : domain;
        return s.header().getOpsetImportList().stream()
                .filter(o -> (o.getDomain().isEmpty() ? "ai.onnx" : o.getDomain()).equals(d))
                .mapToLong(o -> o.getVersion()).max().orElse(-1);
    }

    static AttributeProto parseAttribute(String node, String name, AttributeProto.AttributeType type, String value)
            throws EditException {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(type);
        String v = value.strip();
        try {
            switch (type) {
                case INT -> a.setI(Long.parseLong(v));
                case FLOAT -> a.setF(Float.parseFloat(v));
                case STRING -> a.setS(ByteString.copyFromUtf8(value));
                case INTS -> {
                    for (String p : list(v)) {
                        a.addInts(Long.parseLong(p));
                    }
                }
                case FLOATS -> {
                    for (String p : list(v)) {
                        a.addFloats(Float.parseFloat(p));
                    }
                }
                case STRINGS -> {
                    for (String p : list(v)) {
                        a.addStrings(ByteString.copyFromUtf8(p));
                    }
                }
                default -> throw new EditException("The attribute " + node + "." + name + " is a " + type.name().toLowerCase()
                        + "; only int, float, string and lists of them can be set as text.");
            }
        } catch (NumberFormatException e) {
            throw new EditException("'" + value + "' is not a valid " + type.name().toLowerCase() + " for " + node + "."
                    + name + ".");
        }
        return a.build();
    }

    private static List<String> list(String v) {
        String inner = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
        if (inner.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(inner.split(",")).map(String::strip).toList();
    }

    // ---- weights ----

    static void replaceTensor(Structure s, String name, Path file) throws WorkbenchException {
        GraphProto.Builder g = s.graph();
        TensorProto existing = null;
        int initializer = -1;
        int constantNode = -1;
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(name)) {
                existing = g.getInitializer(i);
                initializer = i;
            }
        }
        if (existing == null) {
            for (int i = 0; i < g.getNodeCount(); i++) {
                NodeProto n = g.getNode(i);
                if (n.getOpType().equals("Constant") && n.getOutputList().contains(name)) {
                    for (AttributeProto a : n.getAttributeList()) {
                        if (a.getName().equals("value") && a.hasT()) {
                            existing = a.getT();
                            constantNode = i;
                        }
                    }
                }
            }
        }
        if (existing == null) {
            throw new EditException(s.modelName() + " has no initializer or Constant tensor named '" + name + "'.");
        }
        HostTensor value = TensorFiles.read(file, new TensorRequest(name, null, null));
        ElementType type = ElementType.fromCode(existing.getDataType());
        long[] dims = existing.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (value.elementType() != type) {
            throw new EditException(file.getFileName() + " holds " + value.elementType().displayName() + " values, but the weight '"
                    + name + "' is " + type.displayName() + ".");
        }
        if (!java.util.Arrays.equals(value.shape(), dims)) {
            throw new EditException(file.getFileName() + " has shape " + Shapes.format(value.shape()) + ", but the weight '"
                    + name + "' has shape " + Shapes.format(dims) + ".");
        }
        TensorProto replacement = s.tensor(name, value);
        if (initializer >= 0) {
            g.setInitializer(initializer, replacement);
        } else {
            NodeProto.Builder n = g.getNode(constantNode).toBuilder();
            for (int j = 0; j < n.getAttributeCount(); j++) {
                if (n.getAttribute(j).getName().equals("value")) {
                    n.setAttribute(j, n.getAttribute(j).toBuilder().setT(replacement.toBuilder().setName("")));
                }
            }
            g.setNode(constantNode, n);
        }
    }

    // ---- clean-up ----

    static void cleanUp(Structure s) throws EditException {
        GraphProto.Builder g = s.graph();
        removeDead(g);
        List<NodeProto> order = topologicalOrder(s.modelName(), g);
        g.clearNode().addAllNode(order);
    }

    /** Kahn's order, stable (a node keeps its place unless something it reads comes later). */
    static List<NodeProto> topologicalOrder(String model, GraphProto.Builder g) throws EditException {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            for (String o : g.getNode(i).getOutputList()) {
                if (!o.isEmpty()) {
                    producer.put(o, i);
                }
            }
        }
        int count = g.getNodeCount();
        int[] waiting = new int[count];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            for (String in : reads(g.getNode(i))) {
                Integer p = producer.get(in);
                if (p != null && p != i) {
                    waiting[i]++;
                    consumers.get(p).add(i);
                }
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < count; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>(count);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(g.getNode(i));
            for (int c : consumers.get(i)) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() < count) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < count && stuck.size() < 5; i++) {
                if (waiting[i] > 0) {
                    stuck.add(label(g.getNode(i)));
                }
            }
            throw new EditException(model + " has a cycle through " + String.join(", ", stuck) + "; it cannot be sorted.");
        }
        return order;
    }

    /** For messages: queue of names, breadth-first. */
    static ArrayDeque<String> queue(List<String> names) {
        return new ArrayDeque<>(names);
    }
}
