package dev.onnxworkbench.models.profile;

import dev.onnxworkbench.models.TemporaryFolders;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.rewrite.UnpassableInputs;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.OrtMessages;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-node profile: a session of its own with ONNX Runtime's profiler on (never the session a benchmark
 * times), {@code warmup} runs then {@code runs} profiled runs, aggregated by {@link TraceAggregator}.
 *
 * <p>API for the window: {@code new Profiler(factory, settings).profile(model, inputs, 2, 10, null)} off
 * the FX thread → {@link ProfileReport} (nodes with share and provider for the heat/provider overlay and
 * the table; {@code trace()} for Export). The trace file lives in a temporary folder unless
 * {@code traceCopy} names where to keep it.
 */
public final class Profiler {
    private final SessionFactory factory;
    private final ProviderSettings settings;

    public Profiler(SessionFactory factory, ProviderSettings settings) {
        this.factory = factory;
        this.settings = settings;
    }

    public ProfileReport profile(Path model, Map<String, HostTensor> inputs, int warmup, int runs, Path traceCopy)
            throws WorkbenchException {
        if (runs < 1 || warmup < 0) {
            throw new WorkbenchException("Profiling needs --runs ≥ 1 and --warmup ≥ 0.");
        }
        Path dir;
        try {
            dir = TemporaryFolders.create("onnx-workbench-profile-");
        } catch (IOException e) {
            throw new WorkbenchException("Could not create a folder for the profile: " + IoReasons.of(e), e);
        }
        String prefix = dir.resolve("profile").toString();
        DerivedModel derived = null;
        try {
            Path target = model;
            Map<String, HostTensor> feeds = inputs;
            if (UnpassableInputs.any(inputs)) {
                ModelRewriter rewriter = ModelRewriter.open(model);
                feeds = UnpassableInputs.asConstants(rewriter, inputs);
                derived = rewriter.write();
                target = derived.path();
            }
            Path trace;
            try (ModelSession session = factory.open(target, settings, o -> o.enableProfiling(prefix))) {
                Map<String, OnnxTensor> tensors = new HashMap<>();
                try {
                    for (Map.Entry<String, HostTensor> e : feeds.entrySet()) {
                        tensors.put(e.getKey(), OrtValues.toOnnxTensor(session.environment(), e.getValue()));
                    }
                    for (int i = 0; i < warmup + runs; i++) {
                        try (OrtSession.Result ignored = session.ortSession().run(tensors)) {
                            // values are not needed: the trace holds the times
                        }
                    }
                    trace = Path.of(session.ortSession().endProfiling());
                } catch (OrtException e) {
                    throw new InferenceException("ONNX Runtime could not run " + model.getFileName() + " for the profile: "
                            + OrtMessages.clean(e.getMessage()), e.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED, e);
                } finally {
                    tensors.values().forEach(OnnxTensor::close);
                }
            }
            if (traceCopy != null) {
                Files.copy(trace, traceCopy, StandardCopyOption.REPLACE_EXISTING);
                trace = traceCopy;
            }
            return TraceAggregator.aggregate(trace, warmup);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read or save the profile: " + IoReasons.of(e), e);
        } finally {
            if (derived != null) {
                derived.close();
            }
            // the folder stays: the report's raw trace is exported from it later (Inside ▸ Export Trace)
        }
    }
}
