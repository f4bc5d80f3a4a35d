package dev.onnxworkbench.models.diverge;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diff.ModelDiff;
import dev.onnxworkbench.models.diverge.SharedTensors.Shared;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.memory.ActivationSizes;
import dev.onnxworkbench.models.memory.BatchPlanner;
import dev.onnxworkbench.models.memory.MarkedRun;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.Tolerance;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds where two runs part ways (Polygraphy's {@code run --onnxrt --trt --onnx-outputs mark all}, in Java): the
 * tensors both models produce are marked as graph outputs ({@link ModelRewriter}), both runs execute on the same
 * inputs, and every shared tensor is compared with {@link ErrorCheck}. The first failing tensor in topological
 * order is the first divergent one; the rest show how the error spreads. With {@link DivergenceOptions#bisect()} it
 * marks only a prefix's frontier per run and binary-searches, so TensorRT fuses almost as it would unmarked.
 * Blocking and slow (sessions, runs): call off the FX thread; {@link Thread#interrupt()} cancels between runs.
 */
public final class DivergenceFinder {
    /** Progress for a view or a terminal: a line to show, and runs done of (an estimate of) the total. */
    public interface Progress {
        void update(String message, int done, int total);

        Progress NONE = (m, d, t) -> { };
    }

    /** Marked outputs per run at most (ONNX Runtime's session creation grows faster than linearly with them). */
    static final int MAX_TENSORS_PER_RUN = 4096;
    /** Above this many tensors the shape pass (one session with all of them marked) costs more than it saves. */
    static final int SHAPE_PASS_LIMIT = 4096;

    private final SessionFactory factory;

    public DivergenceFinder(SessionFactory factory) {
        this.factory = factory;
    }

    public DivergenceReport find(RunSpec a, RunSpec b, Map<String, dev.onnxworkbench.models.tensor.HostTensor> inputs,
                                 List<InputDescription> inputDescriptions, DivergenceOptions options,
                                 Progress progress) throws WorkbenchException {
        for (RunSpec run : List.of(a, b)) {
            if (!Files.isRegularFile(run.model())) {
                throw new WorkbenchException("The model file " + run.model() + " does not exist or is not a file.");
            }
        }
        OnnxReader reader = new OnnxReader();
        Model modelA = reader.read(a.model());
        boolean sameModel = a.model().toAbsolutePath().normalize().equals(b.model().toAbsolutePath().normalize());
        Model modelB = sameModel ? modelA : reader.read(b.model());
        Set<String> producedByB = new HashSet<>();
        for (Node n : modelB.graph().nodes()) {
            producedByB.addAll(n.outputs());
        }
        Map<String, String> aToB = sameModel ? null : ModelDiff.compare(modelA, modelB).tensorsAtoB();
        SharedTensors shared = new SharedTensors(modelA.graph(), aToB, producedByB);
        if (shared.size() == 0) {
            throw new WorkbenchException("The two models share no tensors to compare: " + a.model().getFileName()
                    + " and " + b.model().getFileName() + " have no node outputs in common.");
        }
        Session session = new Session(a, b, inputs, options, progress);
        List<TensorDivergence> tensors = options.bisect() ? session.bisect(shared) : session.markAll(shared);
        return new DivergenceReport(a, b, options, tensors, inputDescriptions, session.runs, shared.size(),
                session.planner == null ? null : session.planner.paging());
    }

    /** The state of one search: inputs, options and how many runs it took. */
    private final class Session {
        private final RunSpec a;
        private final RunSpec b;
        private final Map<String, dev.onnxworkbench.models.tensor.HostTensor> inputs;
        private final DivergenceOptions options;
        private final Progress progress;
        private BatchPlanner planner; // marking all only
        int runs;

        Session(RunSpec a, RunSpec b, Map<String, dev.onnxworkbench.models.tensor.HostTensor> inputs,
                DivergenceOptions options, Progress progress) {
            this.a = a;
            this.b = b;
            this.inputs = inputs;
            this.options = options;
            this.progress = progress;
        }

        /**
         * Marks every shared tensor, in batches whose activations fit the budget: both runs' values of a batch are
         * held together (A's copied into memory freed right after the batch, B's read in place), so a batch gets
         * two fifths of the budget. Sizes come from a shape pass, then from the real sizes; a batch whose real size turns
         * out over its share is refused before its values are copied and is cut again with the real sizes, and one
         * that ONNX Runtime cannot allocate is halved (bisection).
         */
        List<TensorDivergence> markAll(SharedTensors shared) throws WorkbenchException {
            List<Shared> all = shared.order();
            List<String> names = all.stream().map(Shared::name).toList();
            Map<String, Shared> byName = new HashMap<>();
            all.forEach(s -> byName.put(s.name(), s));
            progress.update("Sizing the activations of " + a.model().getFileName(), 0, 0);
            ActivationSizes sizes = names.size() <= SHAPE_PASS_LIMIT
                    ? ActivationSizes.probe(a.model(), inputs, factory) : ActivationSizes.unknown(inputs);
            planner = new BatchPlanner(options.budget(), sizes);
            // A fifth is left to the working tensors ONNX Runtime holds during run B besides the marked ones.
            long limit = Math.max(1, options.budget().bytes() * 2 / 5);
            int cap = options.maxTensorsPerRun() == 0 ? MAX_TENSORS_PER_RUN : options.maxTensorsPerRun();
            List<TensorDivergence> result = new ArrayList<>();
            int from = 0;
            while (from < names.size()) {
                List<String> part = planner.next(names, from, limit, cap);
                int total = runs + planner.remaining(names, from, limit);
                progress.update("Comparing " + part.size() + " of " + names.size() + " tensors (batch " + (runs + 1)
                        + " of about " + total + ", within " + options.budget().describe() + ")", runs, total);
                try {
                    Map<String, TensorDivergence> found = compare(part.stream().map(byName::get).toList(),
                            part.size() > 1 ? limit : Long.MAX_VALUE);
                    if (found != null) {
                        result.addAll(found.values());
                        from += part.size();
                    }
                } catch (OutOfMemoryError | InferenceException e) {
                    // The machine may have less memory than the budget: halve the batch and go on.
                    if (part.size() == 1 || (e instanceof InferenceException && !outOfMemory(e))) {
                        throw e;
                    }
                    cap = Math.max(1, part.size() / 2);
                }
            }
            progress.update("Compared " + all.size() + " tensors in " + planner.paging().describe(), runs, runs);
            return result;
        }

        private static boolean outOfMemory(Throwable e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return m.contains("bad_alloc") || m.contains("failed to allocate") || m.contains("out of memory");
        }

        /**
         * Binary search over prefixes of the topological order: "something in the first k+1 tensors diverges" is
         * monotone in k, and is checked by marking only the prefix's frontier. One run for the whole graph, then
         * ceil(log2 N) more.
         */
        List<TensorDivergence> bisect(SharedTensors shared) throws WorkbenchException {
            int n = shared.size();
            int total = 1 + (int) Math.ceil(Math.log(Math.max(1, n)) / Math.log(2));
            Map<String, TensorDivergence> seen = new TreeMap<>();
            Map<Integer, Map<String, TensorDivergence>> byPrefix = new LinkedHashMap<>();
            progress.update("Checking the outputs", runs, total);
            if (!diverges(shared, n - 1, seen, byPrefix)) {
                return ordered(shared, seen);
            }
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                progress.update("Bisecting: tensors " + lo + "–" + hi + " of " + n, runs, total);
                if (diverges(shared, mid, seen, byPrefix)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            // The answer's own comparison comes from the run that marked its prefix (it is on that frontier).
            Shared first = shared.order().get(hi);
            TensorDivergence own = byPrefix.get(hi) == null ? null : byPrefix.get(hi).get(first.name());
            if (own == null) {
                own = compare(List.of(first)).get(first.name());
            }
            seen.put(first.name(), own);
            List<TensorDivergence> result = ordered(shared, seen);
            // Anything before the answer that failed in a later run is noise from re-fusion; the answer stands first.
            int at = result.indexOf(own);
            List<TensorDivergence> cleaned = new ArrayList<>();
            for (int i = 0; i < result.size(); i++) {
                TensorDivergence t = result.get(i);
                if (i < at && !t.pass()) {
                    continue;
                }
                cleaned.add(t);
            }
            return cleaned;
        }

        private boolean diverges(SharedTensors shared, int k, Map<String, TensorDivergence> seen,
                                 Map<Integer, Map<String, TensorDivergence>> byPrefix) throws WorkbenchException {
            Map<String, TensorDivergence> found = compare(shared.frontier(k));
            byPrefix.put(k, found);
            seen.putAll(found);
            return found.values().stream().anyMatch(t -> !t.pass());
        }

        private List<TensorDivergence> ordered(SharedTensors shared, Map<String, TensorDivergence> seen) {
            List<TensorDivergence> out = new ArrayList<>();
            for (Shared s : shared.order()) {
                TensorDivergence t = seen.get(s.name());
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }

        /** Runs both models with these tensors marked and compares them; by A's name, in the given order. */
        Map<String, TensorDivergence> compare(List<Shared> tensors) throws WorkbenchException {
            return compare(tensors, Long.MAX_VALUE);
        }

        /**
         * Like {@link #compare(List)}; when either run's values together exceed {@code refuseAbove} bytes, returns
         * null after recording their real sizes (nothing was compared). A's values are copied into memory freed
         * when this returns, B's compared in place: no value of the batch stays referenced.
         */
        Map<String, TensorDivergence> compare(List<Shared> tensors, long refuseAbove) throws WorkbenchException {
            if (Thread.currentThread().isInterrupted()) {
                throw new WorkbenchException("The divergence search was cancelled.");
            }
            List<String> namesA = tensors.stream().map(Shared::name).distinct().toList();
            List<String> namesB = tensors.stream().map(Shared::nameB).distinct().toList();
            Map<String, TensorError> errors = new HashMap<>();
            Map<String, long[]> shapes = new HashMap<>();
            long bytes;
            long bytesA;
            try (Arena memoryA = Arena.ofConfined()) {
                Map<String, Object> valuesA = new HashMap<>();
                MarkedRun.Fetched fa = run(a, namesA, refuseAbove, (name, value) -> valuesA.put(name,
                        value instanceof HostTensor t ? MarkedRun.ownedCopy(t, memoryA) : value));
                if (fa.refused()) {
                    return null;
                }
                Map<String, List<Shared>> byB = new HashMap<>();
                tensors.forEach(s -> byB.computeIfAbsent(s.nameB(), k -> new ArrayList<>()).add(s));
                MarkedRun.Fetched fb = run(b, namesB, refuseAbove, (name, value) -> {
                    for (Shared s : byB.getOrDefault(name, List.of())) {
                        Object va = valuesA.get(s.name());
                        if (va != null) {
                            errors.put(s.name(), check(va, value));
                            shapes.put(s.name(), va instanceof HostTensor t ? t.shape() : new long[0]);
                        }
                    }
                });
                if (fb.refused()) {
                    return null;
                }
                bytes = fa.total() + fb.total();
                bytesA = fa.total();
            }
            runs++;
            if (planner != null) {
                planner.ran(tensors.stream().map(Shared::name).toList(), bytes, bytesA);
            }
            Map<String, TensorDivergence> result = new LinkedHashMap<>();
            for (Shared s : tensors) {
                TensorError error = errors.get(s.name());
                if (error == null) {
                    error = TensorError.incomparable("run " + (shapes.containsKey(s.name()) ? "B" : "A")
                            + " did not return it");
                }
                long[] shape = shapes.getOrDefault(s.name(), new long[0]);
                Node p = s.producer();
                String node = p.name().isEmpty() ? p.outputs().getFirst() : p.name();
                result.put(s.name(), new TensorDivergence(s.name(), s.nameB(), node, s.producerIndex(), p.opType(),
                        shape, error));
            }
            return result;
        }

        private TensorError check(Object a, Object b) {
            Tolerance tolerance = options.tolerance();
            if (a instanceof HostTensor ta && b instanceof HostTensor tb && !ta.isString() && !tb.isString()) {
                return ErrorCheck.compare(ta, tb, tolerance, options.metric());
            }
            return ErrorCheck.compare(asOutput(a), asOutput(b), tolerance, options.metric());
        }

        private static OutputValue asOutput(Object value) {
            return value instanceof HostTensor t ? new OutputValue.TensorValue(t) : (OutputValue) value;
        }

        /** One run of {@code spec} with {@code marked} as outputs; sizes of what it fetched are recorded. */
        private MarkedRun.Fetched run(RunSpec spec, List<String> marked, long refuseAbove, MarkedRun.Consumer consumer)
                throws WorkbenchException {
            MarkedRun.Fetched fetched;
            try (DerivedModel derived = ModelRewriter.open(spec.model()).markOutputs(marked).write();
                 ModelSession session = factory.open(derived.path(), spec.settings(), MarkedRun::lean)) {
                fetched = MarkedRun.fetch(session, feeds(session), marked, refuseAbove, consumer);
            }
            if (planner != null && spec == a) {
                fetched.bytes().forEach(planner.sizes()::record);
            }
            return fetched;
        }

        /** The inputs by name; a model whose inputs are named otherwise (v2) gets them by position. */
        private Map<String, dev.onnxworkbench.models.tensor.HostTensor> feeds(ModelSession session)
                throws InferenceException {
            List<String> names = session.inputs().stream().map(ValueDescriptor::name).toList();
            if (inputs.keySet().containsAll(names)) {
                Map<String, dev.onnxworkbench.models.tensor.HostTensor> feeds = new LinkedHashMap<>();
                names.forEach(n -> feeds.put(n, inputs.get(n)));
                return feeds;
            }
            if (names.size() != inputs.size()) {
                throw new InferenceException("The two models take different inputs (" + String.join(", ", names)
                        + " against " + String.join(", ", inputs.keySet()) + "); they cannot run on the same inputs.");
            }
            Map<String, dev.onnxworkbench.models.tensor.HostTensor> feeds = new LinkedHashMap<>();
            List<dev.onnxworkbench.models.tensor.HostTensor> values = new ArrayList<>(inputs.values());
            for (int i = 0; i < names.size(); i++) {
                feeds.put(names.get(i), values.get(i));
            }
            return feeds;
        }
    }

    /** For views: tensors ordered by error, largest first. */
    public static Comparator<TensorDivergence> byError() {
        return Comparator.comparingDouble((TensorDivergence t) -> t.error().maxAbsError()).reversed();
    }
}
