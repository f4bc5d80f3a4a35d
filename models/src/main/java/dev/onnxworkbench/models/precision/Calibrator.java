package dev.onnxworkbench.models.precision;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.memory.NativeTensorView;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.OrtMessages;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Observes the float tensors the quantizer needs ranges for, over a calibration set: the original model with
 * those tensors marked as outputs ({@link ModelRewriter}) runs on one sample at a time, each tensor is read in
 * place in ONNX Runtime's memory ({@link NativeTensorView}; no copy onto the heap) and merged into a
 * {@link RangeCollector}, then the run's values are released. Memory is one run's tensors plus a fixed-size
 * histogram per tensor, whatever the set's size.
 */
public final class Calibrator {
    private final ModelVerifier runner;

    public Calibrator(ModelVerifier runner) {
        this.runner = runner;
    }

    /** The range [min, max] to quantize each tensor to, by name. */
    public Map<String, double[]> calibrate(Path model, Set<String> tensors, SampleSet set, CalibrationMethod method,
                                           double percentile, Progress progress) throws WorkbenchException {
        if (set.size() == 0) {
            throw new WorkbenchException("The calibration set is empty.");
        }
        Map<String, RangeCollector> collectors = new LinkedHashMap<>();
        for (String t : tensors) {
            collectors.put(t, new RangeCollector(method != CalibrationMethod.MINMAX));
        }
        Set<String> inputs = new LinkedHashSet<>();
        set.specs().forEach(s -> inputs.add(s.name()));
        List<String> marked = new ArrayList<>();
        for (String t : tensors) {
            if (!inputs.contains(t)) {
                marked.add(t);
            }
        }
        ModelRewriter rewriter = ModelRewriter.open(model);
        Set<String> outputs = new LinkedHashSet<>();
        rewriter.proto().getGraph().getOutputList().forEach(o -> outputs.add(o.getName()));
        try (DerivedModel derived = rewriter.markOutputs(marked).write();
             ModelSession session = runner.factory().open(derived.path(), runner.settings())) {
            Set<String> wanted = new LinkedHashSet<>(marked);
            for (int i = 0; i < set.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new WorkbenchException("The calibration was cancelled.");
                }
                progress.update("Calibrating (" + method.displayName() + ") on " + set.name(i), i, set.size());
                Map<String, HostTensor> sample = set.sample(i);
                for (Map.Entry<String, HostTensor> e : sample.entrySet()) {
                    RangeCollector c = collectors.get(e.getKey());
                    if (c != null && e.getValue().elementType() == ElementType.FLOAT) {
                        c.add(e.getValue().data().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
                    }
                }
                if (!wanted.isEmpty()) { // everything kept in float but an input: nothing to run for
                    observe(session, sample, wanted, collectors);
                }
            }
        }
        progress.update("Calibrated " + tensors.size() + " tensors on " + set.size() + " samples", set.size(),
                set.size());
        Map<String, double[]> ranges = new HashMap<>();
        for (Map.Entry<String, RangeCollector> e : collectors.entrySet()) {
            if (e.getValue().seen()) {
                ranges.put(e.getKey(), e.getValue().range(method, percentile));
            }
        }
        return ranges;
    }

    private static void observe(ModelSession session, Map<String, HostTensor> sample, Set<String> wanted,
                                Map<String, RangeCollector> collectors) throws WorkbenchException {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (Map.Entry<String, HostTensor> e : ModelVerifier.adapt(session, sample).entrySet()) {
                feeds.put(e.getKey(), OrtValues.toOnnxTensor(session.environment(), e.getValue()));
            }
            try (OrtSession.Result result = session.ortSession().run(feeds, wanted)) {
                for (Map.Entry<String, OnnxValue> e : result) {
                    RangeCollector c = collectors.get(e.getKey());
                    if (c == null || !(e.getValue() instanceof OnnxTensor t)
                            || t.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                        continue;
                    }
                    Optional<java.nio.ByteBuffer> view = NativeTensorView.view(t);
                    FloatBuffer values = view.isPresent() ? view.get().asFloatBuffer() : t.getFloatBuffer();
                    c.add(values);
                }
            }
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime could not run the calibration model: "
                    + OrtMessages.clean(e.getMessage()));
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }
}
