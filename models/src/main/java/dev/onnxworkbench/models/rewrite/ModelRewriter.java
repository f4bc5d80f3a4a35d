package dev.onnxworkbench.models.rewrite;

import dev.onnxworkbench.models.TemporaryFolders;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.ModelReadException;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.tensor.DataValue;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes models derived from a model file, for runs that look inside it. Weights never reach the Java
 * heap: the file is memory-mapped, only its structure is edited (see {@link MappedModelProto}), and the
 * derived file is written with the values streamed from the mapping. Models with external data keep
 * referring to their original data files: they are hard-linked into the derived model's private
 * temporary folder (ONNX Runtime refuses symbolic links out of the model's folder; across file systems
 * they are copied by the kernel). Nothing is ever written into the user's folder.
 *
 * <p>Operations, chainable, applied to the top-level graph:
 * <ul>
 *   <li>{@link #markOutputs} / {@link #markAllOutputs}: intermediate tensors become extra graph outputs
 *       (typed from value_info when known, untyped otherwise; ONNX Runtime accepts both);</li>
 *   <li>{@link #inputAsConstant}: a graph input becomes a constant, so values ONNX Runtime's Java API
 *       cannot create (uint16/32/64 tensors, sequences, optionals) can still be passed;</li>
 *   <li>{@link #extract}: the subgraph that computes chosen tensors from chosen tensors.</li>
 * </ul>
 * Then {@link #write()} gives a {@link DerivedModel} (close it to delete the temporary folder).
 * <pre>{@code
 * try (DerivedModel derived = ModelRewriter.open(path).markAllOutputs().write();
 *      ModelSession s = factory.open(derived.path(), settings)) { ... }
 * }</pre>
 * Not thread-safe; cheap to create per rewrite.
 */
public final class ModelRewriter {
    private final MappedModelProto mapped;
    private final ModelProto.Builder header; // everything but the graph: opset imports, IR version, functions
    private GraphProto.Builder graph;
    private final ConstantBuilder constants;
    private final List<String> addedOutputs = new ArrayList<>();

    private ModelRewriter(MappedModelProto mapped) {
        this.mapped = mapped;
        this.graph = mapped.proto().getGraph().toBuilder();
        this.header = mapped.proto().toBuilder().clearGraph();
        this.constants = new ConstantBuilder(mapped.payloadCount());
    }

    /** Maps the model file (no weights are read). */
    public static ModelRewriter open(Path model) throws ModelReadException {
        return new ModelRewriter(MappedModelProto.read(model));
    }

    /**
     * Tensors produced by nodes of the top-level graph that are not graph outputs yet, in node order
     * (a topological order for valid models). Subgraph (If/Loop/Scan body) tensors are not included.
     */
    public List<String> intermediates() {
        Set<String> outputs = new LinkedHashSet<>();
        for (ValueInfoProto o : graph.getOutputList()) {
            outputs.add(o.getName());
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            for (String out : n.getOutputList()) {
                if (!out.isEmpty() && !outputs.contains(out) && seen.add(out)) {
                    names.add(out);
                }
            }
        }
        return names;
    }

    /** Marks every intermediate tensor of the top-level graph as an output (Polygraphy's "mark all"). */
    public ModelRewriter markAllOutputs() throws RewriteException {
        List<String> all = new ArrayList<>();
        Map<String, ValueInfoProto> known = valueInfos();
        for (String name : intermediates()) {
            ValueInfoProto info = known.get(name);
            // ONNX Runtime's Java API cannot describe optional outputs; sequences and maps it can.
            if (info == null || !info.getType().hasOptionalType()) {
                all.add(name);
            }
        }
        return markOutputs(all);
    }

    /** Marks the named tensors (produced by top-level nodes) as graph outputs; names already outputs are skipped. */
    public ModelRewriter markOutputs(Collection<String> names) throws RewriteException {
        Set<String> produced = new LinkedHashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            produced.addAll(n.getOutputList());
        }
        Set<String> outputs = new LinkedHashSet<>();
        for (ValueInfoProto o : graph.getOutputList()) {
            outputs.add(o.getName());
        }
        Map<String, ValueInfoProto> known = valueInfos();
        for (String name : names) {
            if (outputs.contains(name)) {
                continue;
            }
            if (name.isEmpty() || !produced.contains(name)) {
                throw new RewriteException("No node of the top-level graph of " + mapped.name() + " produces a tensor named '"
                        + name + "'.");
            }
            ValueInfoProto info = known.get(name);
            graph.addOutput(info != null ? info : ValueInfoProto.newBuilder().setName(name).build());
            outputs.add(name);
            addedOutputs.add(name);
        }
        return this;
    }

    /**
     * Gives the named tensor inputs these concrete shapes (free dimensions become numbers), so ONNX Runtime's shape
     * inference can size the tensors that follow; names that are not tensor inputs, or ranks that differ, are left.
     */
    public ModelRewriter withInputShapes(Map<String, long[]> shapes) {
        for (int i = 0; i < graph.getInputCount(); i++) {
            ValueInfoProto input = graph.getInput(i);
            long[] shape = shapes.get(input.getName());
            if (shape == null || !input.getType().hasTensorType()
                    || input.getType().getTensorType().getShape().getDimCount() != shape.length) {
                continue;
            }
            var dims = dev.onnxworkbench.models.onnx.proto.TensorShapeProto.newBuilder();
            for (long d : shape) {
                dims.addDim(dev.onnxworkbench.models.onnx.proto.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            ValueInfoProto.Builder b = input.toBuilder();
            b.getTypeBuilder().getTensorTypeBuilder().setShape(dims);
            graph.setInput(i, b);
        }
        return this;
    }

    /** Replaces the graph input {@code input} by a constant holding {@code value} (tensor, sequence or optional). */
    public ModelRewriter inputAsConstant(String input, DataValue value) throws WorkbenchException {
        removeInput(input);
        constants.add(input, value);
        return this;
    }

    /** Replaces the graph input {@code input} by a constant tensor. */
    public ModelRewriter inputAsConstant(String input, HostTensor value) throws WorkbenchException {
        removeInput(input);
        constants.add(input, value);
        return this;
    }

    private void removeInput(String input) throws RewriteException {
        int index = -1;
        for (int i = 0; i < graph.getInputCount(); i++) {
            if (graph.getInput(i).getName().equals(input)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new RewriteException(mapped.name() + " has no input named '" + input + "'.");
        }
        graph.removeInput(index);
        for (int i = graph.getInitializerCount() - 1; i >= 0; i--) {
            if (graph.getInitializer(i).getName().equals(input)) {
                graph.removeInitializer(i); // a default value the constant replaces
            }
        }
    }

    /**
     * Keeps only what computes {@code outputs} from {@code inputs}: the nodes between them, the
     * initializers they use, and original graph inputs they still need. The chosen inputs must have a
     * type recorded in the model (graph input or value_info), since a graph input needs one.
     */
    public ModelRewriter extract(Collection<String> inputs, Collection<String> outputs) throws RewriteException {
        return extract(inputs, outputs, Map.of());
    }

    /**
     * Like {@link #extract(Collection, Collection)}, with the types of (some of) the new inputs given, e.g.
     * the actual types of tensors an earlier run produced; given types win over the recorded ones.
     */
    public ModelRewriter extract(Collection<String> inputs, Collection<String> outputs,
                                 Map<String, dev.onnxworkbench.models.graph.ValueType> types) throws RewriteException {
        if (outputs.isEmpty()) {
            throw new RewriteException("Extracting a subgraph needs at least one output tensor.");
        }
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            for (String out : graph.getNode(i).getOutputList()) {
                producer.put(out, i);
            }
        }
        Map<String, TensorProto> initializers = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, ValueInfoProto> graphInputs = new LinkedHashMap<>();
        for (ValueInfoProto v : graph.getInputList()) {
            graphInputs.put(v.getName(), v);
        }
        Map<String, ValueInfoProto> known = valueInfos();
        Set<String> given = new LinkedHashSet<>(inputs);
        Set<Integer> keptNodes = new java.util.TreeSet<>();
        Set<String> keptInitializers = new LinkedHashSet<>();
        Set<String> keptInputs = new LinkedHashSet<>();
        java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>(outputs);
        Set<String> visited = new java.util.HashSet<>();
        Set<String> optionalNames = new java.util.HashSet<>(); // names seen only inside subgraphs
        while (!work.isEmpty()) {
            String name = work.pop();
            if (name.isEmpty() || !visited.add(name) || given.contains(name)) {
                continue;
            }
            Integer node = producer.get(name);
            if (node != null) {
                if (keptNodes.add(node)) {
                    NodeProto n = graph.getNode(node);
                    work.addAll(n.getInputList());
                    for (String outer : subgraphInputs(n)) {
                        if (!visited.contains(outer)) {
                            optionalNames.add(outer);
                            work.add(outer);
                        }
                    }
                }
            } else if (initializers.containsKey(name)) {
                keptInitializers.add(name);
            } else if (graphInputs.containsKey(name)) {
                keptInputs.add(name);
            } else if (!optionalNames.contains(name) && !constants.defines(name)) {
                throw new RewriteException("No tensor named '" + name + "' in the top-level graph of " + mapped.name() + ".");
            }
        }
        GraphProto.Builder out = graph.clone().clearNode().clearInitializer().clearInput().clearOutput();
        for (String in : given) {
            ValueInfoProto info = types.containsKey(in)
                    ? ValueInfoProto.newBuilder().setName(in).setType(ConstantBuilder.typeProto(types.get(in))).build()
                    : graphInputs.getOrDefault(in, known.get(in));
            if (info == null || !info.hasType()) {
                throw new RewriteException("The type of '" + in + "' is not recorded in " + mapped.name()
                        + ", and a graph input needs one; choose a tensor whose type is known, or run shape inference first.");
            }
            out.addInput(info);
        }
        for (String in : keptInputs) {
            out.addInput(graphInputs.get(in));
        }
        for (int i : keptNodes) {
            out.addNode(graph.getNode(i));
        }
        for (String name : keptInitializers) {
            out.addInitializer(initializers.get(name));
        }
        Map<String, ValueInfoProto> graphOutputs = new HashMap<>();
        for (ValueInfoProto v : graph.getOutputList()) {
            graphOutputs.put(v.getName(), v);
        }
        for (String o : outputs) {
            ValueInfoProto info = graphOutputs.getOrDefault(o, known.get(o));
            out.addOutput(info != null ? info : ValueInfoProto.newBuilder().setName(o).build());
        }
        graph.clear().mergeFrom(out.build()); // in place: a Structure given to an edit holds this builder
        addedOutputs.clear();
        return this;
    }

    /**
     * Applies a structural edit (opset conversion, model edits, precision changes) to the top-level graph
     * and the model's header. The edit adds tensors through {@link Structure#tensor}, so their values are
     * written like the file's own, from buffers, never re-encoded into the structure.
     */
    public ModelRewriter transform(StructureEdit edit) throws WorkbenchException {
        edit.apply(new Structure(this, mapped, graph, header, constants));
        return this;
    }

    /**
     * Makes {@code original} readable at {@code link}: a hard link (no bytes copied), since ONNX Runtime
     * refuses symbolic links that lead out of the model's folder. Across file systems, where hard links
     * cannot go, the file is copied by the kernel (FileChannel.transferTo; still never through the heap).
     */
    private static void shareFile(Path original, Path link) throws IOException {
        try {
            Files.createLink(link, original);
        } catch (IOException | UnsupportedOperationException e) {
            try (var in = java.nio.channels.FileChannel.open(original, java.nio.file.StandardOpenOption.READ);
                 var out = java.nio.channels.FileChannel.open(link, java.nio.file.StandardOpenOption.CREATE_NEW,
                         java.nio.file.StandardOpenOption.WRITE)) {
                long size = in.size();
                long done = 0;
                while (done < size) {
                    done += in.transferTo(done, size - done, out);
                }
            }
        }
    }

    /** Names read inside a node's subgraphs (outer-scope captures among them), recursively. */
    private static Set<String> subgraphInputs(NodeProto node) {
        Set<String> names = new LinkedHashSet<>();
        for (AttributeProto a : node.getAttributeList()) {
            List<GraphProto> graphs = new ArrayList<>(a.getGraphsList());
            if (a.hasG()) {
                graphs.add(a.getG());
            }
            for (GraphProto g : graphs) {
                for (NodeProto n : g.getNodeList()) {
                    names.addAll(n.getInputList());
                    names.addAll(subgraphInputs(n));
                }
            }
        }
        return names;
    }

    /** Types the model records for its top-level values (value_info, inputs, outputs). */
    private Map<String, ValueInfoProto> valueInfos() {
        Map<String, ValueInfoProto> known = new HashMap<>();
        for (ValueInfoProto v : graph.getValueInfoList()) {
            if (v.hasType()) {
                known.put(v.getName(), v);
            }
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            if (v.hasType()) {
                known.put(v.getName(), v);
            }
        }
        return known;
    }

    /** The edited structure (tensor values are payload references); for callers that inspect it. */
    public ModelProto proto() {
        GraphProto.Builder g = graph.clone();
        List<NodeProto> nodes = new ArrayList<>(constants.nodes());
        nodes.addAll(g.getNodeList());
        g.clearNode().addAllNode(nodes);
        g.addAllInitializer(constants.initializers());
        return header.clone().setGraph(g).build();
    }

    /**
     * Saves the derived model as {@code target} (a user's file): written next to it under a temporary name,
     * then moved over it, so a failed write never leaves half a file. External data files the model names
     * are shared into the target's folder (hard links; nothing is written when they are already there, as
     * when saving next to the original). Never the original file itself; whether an existing target may be
     * replaced is the caller's decision.
     */
    public Path save(Path target) throws WorkbenchException {
        return save(target, false);
    }

    /**
     * Like {@link #save(Path)}; with {@code replaceOriginal} the original file itself may be the target (the
     * user asked for it: the new file is moved over it, the mapping keeps reading the old one until closed).
     */
    public Path save(Path target, boolean replaceOriginal) throws WorkbenchException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        try {
            Path original = mapped.folder().resolve(mapped.name());
            if (!replaceOriginal && Files.exists(absolute) && Files.isSameFile(absolute, original)) {
                throw new RewriteException(target + " is the model being edited; save under another name.");
            }
            Files.createDirectories(folder);
            ModelProto edited = proto();
            for (Map.Entry<String, Path> e : mapped.externalFiles(edited).entrySet()) {
                Path link = folder.resolve(e.getKey().replace('\\', '/')).normalize();
                if (!Files.exists(link)) {
                    Files.createDirectories(link.getParent());
                    shareFile(e.getValue(), link);
                }
            }
            Path partial = Files.createTempFile(folder, "." + absolute.getFileName(), ".partial");
            try {
                mapped.write(edited, constants.payloads(), partial);
                Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return absolute;
        } catch (IOException e) {
            throw new WorkbenchException("Could not save " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes the derived model into a new private temporary folder. */
    public DerivedModel write() throws WorkbenchException {
        try {
            Path folder = TemporaryFolders.create("onnx-workbench-rewrite-");
            DerivedModel d = writeTo(folder);
            return new DerivedModel(d.path(), d.addedOutputs(), d.created(), true);
        } catch (IOException e) {
            throw new WorkbenchException("Could not create a temporary folder for the derived model: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the derived model into {@code folder} (which should be empty and must not be the model's own
     * folder), with links to the original external data files at the locations the model names.
     */
    public DerivedModel writeTo(Path folder) throws WorkbenchException {
        ModelProto edited = proto();
        List<Path> created = new ArrayList<>();
        Path target = folder.resolve(mapped.name().endsWith(".onnx") ? mapped.name() : mapped.name() + ".onnx");
        try {
            if (Files.isSameFile(folder, mapped.folder())) {
                throw new RewriteException("A derived model is never written into the original model's folder.");
            }
            for (Map.Entry<String, Path> e : mapped.externalFiles(edited).entrySet()) {
                Path link = folder.resolve(e.getKey().replace('\\', '/')).normalize();
                Files.createDirectories(link.getParent());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    shareFile(e.getValue(), link);
                    created.add(link);
                }
            }
            List<ByteBuffer> payloads = constants.payloads();
            mapped.write(edited, payloads, target);
            created.add(target);
        } catch (IOException e) {
            throw new WorkbenchException("Could not write the derived model of " + mapped.name() + " into " + folder
                    + ": " + e.getMessage(), e);
        }
        return new DerivedModel(target, addedOutputs, created, false);
    }
}
