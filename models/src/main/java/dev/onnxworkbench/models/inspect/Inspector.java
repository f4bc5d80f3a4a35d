package dev.onnxworkbench.models.inspect;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.memory.ActivationSizes;
import dev.onnxworkbench.models.memory.BatchPlanner;
import dev.onnxworkbench.models.memory.MarkedRun;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.rewrite.RewriteException;
import dev.onnxworkbench.models.rewrite.UnpassableInputs;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a model with its intermediate tensors marked as outputs (through {@link ModelRewriter}) and reports
 * every tensor's actual type, shape, statistics and histogram. The values of all tensors are never held at
 * once: tensors are fetched in batches of at most {@link InspectOptions#maxBytesPerRun()} (the run repeats for
 * the next batch), each value is summarized (and dumped, on request) as it arrives, then dropped. Batches are sized
 * from the tensors' sizes ({@link ActivationSizes}: a shape pass, then the real sizes) so that what is kept at once
 * stays within {@link InspectOptions#budget()}; {@link Inspection#paging()} says how.
 *
 * <p>API for the window: {@code new Inspector(factory, settings).inspect(model, inputs, InspectOptions.all(),
 * report -> ..., () -> cancelled)} off the FX thread; each {@link TensorReport} arrives as soon as its batch
 * ran; {@link Inspection#firstNonFinite()} is "Go to first NaN". Inputs ONNX Runtime's Java API cannot
 * create (uint16/32/64) are turned into constants of the inspected copy.
 */
public final class Inspector {
    /**
     * ONNX Runtime's session creation grows faster than linearly with the number of graph outputs (10,000
     * marked outputs: ~5 s); batches of at most this many tensors, each cut out of the graph, keep a
     * 50,000-node model's inspection to a few seconds per batch.
     */
    static final int MAX_TENSORS_PER_RUN = 4096;

    private final SessionFactory factory;
    private final ProviderSettings settings;

    public Inspector(SessionFactory factory, ProviderSettings settings) {
        this.factory = factory;
        this.settings = settings;
    }

    public Inspection inspect(Path model, Map<String, HostTensor> inputs, InspectOptions options)
            throws WorkbenchException {
        return inspect(model, inputs, options, r -> { }, () -> false);
    }

    /**
     * Inspects a run of {@code model} on {@code inputs}; {@code listener} gets each report as it is made,
     * {@code cancelled} is polled between batches (a cancelled inspection throws InferenceException).
     */
    public Inspection inspect(Path model, Map<String, HostTensor> inputs, InspectOptions options,
                              Consumer<TensorReport> listener, BooleanSupplier cancelled) throws WorkbenchException {
        long start = System.nanoTime();
        Graph graph = new OnnxReader().read(model).graph();
        Map<String, Integer> producerIndex = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            for (String out : graph.nodes().get(i).outputs()) {
                if (!out.isEmpty()) {
                    producerIndex.putIfAbsent(out, i);
                }
            }
        }
        ModelRewriter probe = ModelRewriter.open(model);
        List<String> wanted = wanted(graph, producerIndex, options, probe);
        Map<String, Long> constantBytes = constantBytes(graph);
        ActivationSizes sizes = wanted.size() <= MAX_TENSORS_PER_RUN
                ? ActivationSizes.probe(model, inputs, factory) : ActivationSizes.unknown(inputs);
        constantBytes.forEach((name, size) -> {
            if (sizes.estimate(name) > size) {
                sizes.record(name, size);
            }
        });
        BatchPlanner planner = new BatchPlanner(options.budget(), sizes);
        TensorDump dump = options.dumpDir() == null ? null : new TensorDump(options.dumpDir());
        List<TensorReport> reports = new ArrayList<>();
        List<String> order = wanted.stream()
                .sorted((a, b) -> Integer.compare(producerIndex.get(a), producerIndex.get(b))).toList();
        Map<String, Integer> lastUse = lastUses(graph);
        Map<String, HostTensor> carried = new LinkedHashMap<>(); // values at the last cut, feeding the next batch
        // Carried values live in native memory freed as soon as the next batch has used them: direct
        // ByteBuffers would wait for a garbage collection, which a run that barely touches the heap never has.
        java.lang.foreign.Arena carriedMemory = java.lang.foreign.Arena.ofConfined();
        long carriedBytes = 0;
        boolean canCarry = true;
        int runs = 0;
        int next = 0;
        while (next < order.size()) {
            if (cancelled.getAsBoolean()) {
                throw new InferenceException("The inspection was cancelled.");
            }
            // ONNX Runtime allocates every graph output of a run whether fetched or not, so each batch is its own
            // derived model with only that batch marked: memory stays near a plain run plus one batch. Each batch
            // model is cut out of the graph between the previous batch's live tensors and this batch's, so the
            // batches together compute the model about once.
            // Kept at once: the carried values, this batch, and the next boundary (in ORT's memory, then copied).
            long limit = Math.max(1, Math.min(options.maxBytesPerRun(), options.budget().bytes() - 3 * carriedBytes));
            List<String> batch = planner.next(order, next, limit, MAX_TENSORS_PER_RUN);
            int cut = producerIndex.get(batch.getLast());
            boolean last = next + batch.size() >= order.size();
            Set<String> boundary = new LinkedHashSet<>();
            if (!last && canCarry) {
                for (Map.Entry<String, Integer> e : producerIndex.entrySet()) {
                    String name = e.getKey();
                    if (e.getValue() <= cut && lastUse.getOrDefault(name, -1) > cut && !constantBytes.containsKey(name)) {
                        boundary.add(name);
                    }
                }
            }
            ModelRewriter rewriter = ModelRewriter.open(model);
            Map<String, HostTensor> feeds = new LinkedHashMap<>(UnpassableInputs.asConstants(rewriter, inputs));
            Map<String, dev.onnxworkbench.models.graph.ValueType> types = new LinkedHashMap<>();
            for (Map.Entry<String, HostTensor> e : carried.entrySet()) {
                types.put(e.getKey(), new dev.onnxworkbench.models.graph.ValueType.TensorType(e.getValue().elementType(),
                        dev.onnxworkbench.models.graph.Shape.of(e.getValue().shape())));
                feeds.put(e.getKey(), e.getValue());
            }
            Set<String> outputs = new LinkedHashSet<>(batch);
            outputs.addAll(boundary);
            rewriter.extract(carried.keySet(), outputs, types);
            Map<String, HostTensor> nextCarried = new LinkedHashMap<>();
            java.lang.foreign.Arena nextMemory = java.lang.foreign.Arena.ofConfined();
            boolean[] carryOk = {true};
            Set<String> inBatch = new LinkedHashSet<>(batch);
            try (DerivedModel derived = rewriter.write();
                 ModelSession session = factory.open(derived.path(), settings, MarkedRun::lean)) {
                Map<String, HostTensor> sessionFeeds = new LinkedHashMap<>();
                for (ValueDescriptor d : session.inputs()) {
                    if (feeds.containsKey(d.name())) {
                        sessionFeeds.put(d.name(), feeds.get(d.name()));
                    }
                }
                Set<String> available = new LinkedHashSet<>();
                for (ValueDescriptor d : session.outputs()) {
                    available.add(d.name());
                }
                List<String> fetched = outputs.stream().filter(available::contains).toList();
                MarkedRun.Fetched got = MarkedRun.fetch(session, sessionFeeds, fetched, (name, value) -> {
                    if (boundary.contains(name)) {
                        HostTensor kept = value instanceof HostTensor t && !t.isString()
                                && dev.onnxworkbench.models.runtime.OrtValues.canCreate(t.elementType())
                                ? MarkedRun.ownedCopy(t, nextMemory) : null;
                        if (kept == null) {
                            carryOk[0] = false;
                        } else {
                            nextCarried.put(name, kept);
                        }
                    }
                    if (!inBatch.contains(name)) {
                        return;
                    }
                    Node producer = graph.nodes().get(producerIndex.get(name));
                    TensorReport report = summarize(name, producer, producerIndex.get(name), value, options, dump);
                    reports.add(report);
                    listener.accept(report);
                });
                long batchBytes = 0;
                for (Map.Entry<String, Long> e : got.bytes().entrySet()) {
                    sizes.record(e.getKey(), e.getValue());
                    if (inBatch.contains(e.getKey())) {
                        batchBytes += e.getValue();
                    }
                }
                planner.ran(batch, batchBytes, batchBytes);
            }
            carried = nextCarried;
            carriedBytes = 0;
            for (HostTensor t : carried.values()) {
                carriedBytes += ActivationSizes.bytesOf(t);
            }
            carriedMemory.close();
            carriedMemory = nextMemory;
            if (!carryOk[0] || nextCarried.size() != boundary.size()) {
                canCarry = false; // a live value the Java API cannot feed back: later batches start from the inputs
                carried = new LinkedHashMap<>();
                carriedBytes = 0;
            }
            runs++;
            next += batch.size();
        }
        carriedMemory.close();
        if (dump != null) {
            dump.writeIndex(reports);
        }
        return new Inspection(reports, runs, (System.nanoTime() - start) / 1e6, planner.paging());
    }

    /** Sizes of Constant nodes' outputs, known from their attribute without running. */
    private static Map<String, Long> constantBytes(Graph graph) {
        Map<String, Long> sizes = new HashMap<>();
        for (Node n : graph.nodes()) {
            if (n.opType().equals("Constant") && n.outputs().size() == 1) {
                n.attribute("value").ifPresent(a -> {
                    if (a.value() instanceof dev.onnxworkbench.models.graph.AttributeValue.TensorValue t) {
                        sizes.put(n.outputs().getFirst(), Math.max(64, t.tensor().byteSize()));
                    }
                });
                sizes.putIfAbsent(n.outputs().getFirst(), 64L);
            }
        }
        return sizes;
    }

    /** The tensors to inspect, validated, in node order. */
    private static List<String> wanted(Graph graph, Map<String, Integer> producerIndex, InspectOptions options,
                                       ModelRewriter rewriter) throws RewriteException {
        if (!options.tensors().isEmpty()) {
            for (String name : options.tensors()) {
                if (!producerIndex.containsKey(name)) {
                    throw new RewriteException("No node of the top-level graph produces a tensor named '" + name
                            + "'; --inspect takes names of tensors (edges), e.g. " + example(graph) + ".");
                }
            }
            return List.copyOf(new LinkedHashSet<>(options.tensors()));
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> intermediates = new java.util.HashSet<>(rewriter.intermediates());
        Set<String> outputs = new LinkedHashSet<>();
        graph.outputs().forEach(o -> outputs.add(o.name()));
        for (Node n : graph.nodes()) {
            for (String out : n.outputs()) {
                if (!out.isEmpty() && (outputs.contains(out) || intermediates.contains(out))) {
                    names.add(out);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static String example(Graph graph) {
        // A computed tensor, not a weight: exported models often hold every weight in a Constant node first.
        for (boolean constants : new boolean[] {false, true}) {
            for (Node n : graph.nodes()) {
                if (n.opType().equals("Constant") != constants) {
                    continue;
                }
                for (String out : n.outputs()) {
                    if (!out.isEmpty()) {
                        return "'" + out + "'";
                    }
                }
            }
        }
        return "a node output";
    }

    /** For every value, the index of the last top-level node reading it (directly or inside a subgraph). */
    private static Map<String, Integer> lastUses(Graph graph) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            Set<String> used = new LinkedHashSet<>();
            reads(graph.nodes().get(i), used);
            for (String name : used) {
                last.put(name, i);
            }
        }
        return last;
    }

    private static void reads(Node node, Set<String> into) {
        into.addAll(node.inputs());
        for (Node.NamedGraph sub : node.subgraphs()) {
            for (Node inner : sub.graph().nodes()) {
                reads(inner, into);
            }
        }
    }

    private static TensorReport summarize(String name, Node producer, int index, Object value, InspectOptions options,
                                          TensorDump dump) throws WorkbenchException {
        if (!(value instanceof HostTensor tensor)) {
            String kind = value instanceof OutputValue.SequenceValue ? "sequence" : "map";
            return new TensorReport(name, producer.name(), producer.opType(), index, kind, null, null, null, null);
        }
        var stats = TensorStatsPass.statistics(tensor, options.firstValues());
        Histogram histogram = TensorStatsPass.histogram(tensor, stats, options.bins());
        Path npy = dump == null ? null : dump.write(name, tensor);
        return new TensorReport(name, producer.name(), producer.opType(), index, tensor.elementType().displayName(),
                tensor.shape(), stats, histogram, npy);
    }
}
