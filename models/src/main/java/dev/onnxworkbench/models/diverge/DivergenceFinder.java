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
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Files;
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
        return new DivergenceReport(a, b, options, tensors, inputDescriptions, session.runs, shared.size());
    }

    /** The state of one search: inputs, options and how many runs it took. */
    private final class Session {
        private final RunSpec a;
        private final RunSpec b;
        private final Map<String, dev.onnxworkbench.models.tensor.HostTensor> inputs;
        private final DivergenceOptions options;
        private final Progress progress;
        int runs;

        Session(RunSpec a, RunSpec b, Map<String, dev.onnxworkbench.models.tensor.HostTensor> inputs,
                DivergenceOptions options, Progress progress) {
            this.a = a;
            this.b = b;
            this.inputs = inputs;
            this.options = options;
            this.progress = progress;
        }

        List<TensorDivergence> markAll(SharedTensors shared) throws WorkbenchException {
            List<Shared> all = shared.order();
            int batch = options.maxTensorsPerRun() == 0 ? all.size() : options.maxTensorsPerRun();
            int total = (all.size() + batch - 1) / batch;
            List<TensorDivergence> result = new ArrayList<>();
            for (int from = 0; from < all.size(); from += batch) {
                List<Shared> part = all.subList(from, Math.min(all.size(), from + batch));
                progress.update("Running both models with " + part.size() + " tensors marked", runs, total);
                result.addAll(compare(part).values());
            }
            progress.update("Compared " + all.size() + " tensors", runs, total);
            return result;
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
            if (Thread.currentThread().isInterrupted()) {
                throw new WorkbenchException("The divergence search was cancelled.");
            }
            PredictionResult ra = run(a, tensors.stream().map(Shared::name).toList());
            PredictionResult rb = run(b, tensors.stream().map(Shared::nameB).toList());
            runs++;
            Map<String, TensorDivergence> result = new LinkedHashMap<>();
            for (Shared s : tensors) {
                OutputValue va = ra.outputs().get(s.name());
                OutputValue vb = rb.outputs().get(s.nameB());
                TensorError error = va == null || vb == null
                        ? TensorError.incomparable("run " + (va == null ? "A" : "B") + " did not return it")
                        : ErrorCheck.compare(va, vb, options.toleranceFor(s.name()), options.metric());
                long[] shape = va instanceof OutputValue.TensorValue t ? t.tensor().shape() : new long[0];
                Node p = s.producer();
                String node = p.name().isEmpty() ? p.outputs().getFirst() : p.name();
                result.put(s.name(), new TensorDivergence(s.name(), s.nameB(), node, s.producerIndex(), p.opType(),
                        shape, error));
            }
            return result;
        }

        private PredictionResult run(RunSpec spec, List<String> marked) throws WorkbenchException {
            try (DerivedModel derived = ModelRewriter.open(spec.model()).markOutputs(marked).write();
                 ModelSession session = factory.open(derived.path(), spec.settings())) {
                return session.run(feeds(session));
            }
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
