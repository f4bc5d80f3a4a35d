package dev.onnxworkbench.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.tensor.Shapes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX Runtime session for one model on one provider. {@link #run} takes host tensors, checks them
 * against the model's inputs, runs, and copies the outputs out; every native object of a run is closed
 * before it returns. Close the session when done (try-with-resources). Not for concurrent runs.
 */
public final class ModelSession implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Path modelPath;
    private final ProviderSettings settings;
    private final long creationNanos;
    private final List<ValueDescriptor> inputs;
    private final List<ValueDescriptor> outputs;
    private final Map<String, String> metadata;

    ModelSession(OrtEnvironment env, OrtSession session, Path modelPath, ProviderSettings settings, long creationNanos)
            throws OrtException {
        this.env = env;
        this.session = session;
        this.modelPath = modelPath;
        this.settings = settings;
        this.creationNanos = creationNanos;
        this.inputs = session.getInputInfo().values().stream().map(OrtValues::describe).toList();
        this.outputs = session.getOutputInfo().values().stream().map(OrtValues::describe).toList();
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
    }

    public Path modelPath() {
        return modelPath;
    }

    public ProviderSettings settings() {
        return settings;
    }

    /** Inputs the model needs (initializers that are also graph inputs are left out by ONNX Runtime). */
    public List<ValueDescriptor> inputs() {
        return inputs;
    }

    public List<ValueDescriptor> outputs() {
        return outputs;
    }

    /** The model's metadata properties (e.g. {@code labels}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** How long creating the session took (loading, optimising, and for TensorRT building the engine). */
    public Duration creationTime() {
        return Duration.ofNanos(creationNanos);
    }

    /**
     * Runs the model. Every input must be given, with the model's element type and a shape that matches
     * its fixed dimensions; otherwise an {@link InferenceException} says which and what was expected.
     */
    public PredictionResult run(Map<String, HostTensor> values) throws WorkbenchException {
        long start = System.nanoTime();
        check(values);
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (ValueDescriptor input : inputs) {
                feeds.put(input.name(), OrtValues.toOnnxTensor(env, values.get(input.name())));
            }
            long runStart = System.nanoTime();
            try (OrtSession.Result result = session.run(feeds)) {
                long runNanos = System.nanoTime() - runStart;
                Map<String, OutputValue> out = OrtValues.copyOutputs(result);
                return new PredictionResult(out, runNanos, System.nanoTime() - start);
            }
        } catch (OrtException e) {
            boolean unsupported = e.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED;
            throw new InferenceException("ONNX Runtime could not run " + modelPath.getFileName() + ": "
                    + OrtMessages.clean(e.getMessage()), unsupported, e);
        } finally {
            for (OnnxTensor t : feeds.values()) {
                t.close();
            }
        }
    }

    private void check(Map<String, HostTensor> values) throws InferenceException {
        List<String> missing = new ArrayList<>();
        for (ValueDescriptor input : inputs) {
            HostTensor value = values.get(input.name());
            if (value == null) {
                missing.add(input.name() + " (" + input.typeText() + ")");
                continue;
            }
            if (input.kind() != ValueDescriptor.Kind.TENSOR) {
                throw new InferenceException("The input '" + input.name() + "' is a " + input.typeText()
                        + "; ONNX Runtime's Java API can only pass tensors.", true, null);
            }
            if (input.elementType() != null && value.elementType() != input.elementType()) {
                throw new InferenceException("The input '" + input.name() + "' needs "
                        + input.elementType().displayName() + " values, but " + value.elementType().displayName()
                        + " were given.");
            }
            long[] expected = input.shape();
            long[] given = value.shape();
            if (expected.length != given.length && expected.length > 0) {
                throw new InferenceException("The input '" + input.name() + "' needs a tensor of rank "
                        + expected.length + " (" + input.typeText() + "), but the value has shape "
                        + Shapes.format(given) + ".");
            }
            for (int i = 0; i < Math.min(expected.length, given.length); i++) {
                if (expected[i] >= 0 && expected[i] != given[i]) {
                    throw new InferenceException("The input '" + input.name() + "' needs size " + expected[i]
                            + " in dimension " + i + " (" + input.typeText() + "), but the value has shape "
                            + Shapes.format(given) + ".");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new InferenceException("The model needs " + (missing.size() == 1 ? "the input " : "the inputs ")
                    + String.join(", ", missing) + ", which " + (missing.size() == 1 ? "was" : "were")
                    + " not given.");
        }
        List<String> unknown = new ArrayList<>();
        for (String name : values.keySet()) {
            if (inputs.stream().noneMatch(i -> i.name().equals(name))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InferenceException("The model has no input named " + String.join(", ", unknown)
                    + "; its inputs are " + String.join(", ", inputs.stream().map(ValueDescriptor::name).toList())
                    + ".");
        }
    }

    /** ONNX Runtime's session, for benchmarks that time its run directly (do not close it; close this). */
    public OrtSession ortSession() {
        return session;
    }

    /** ONNX Runtime's environment the session lives in. */
    public OrtEnvironment environment() {
        return env;
    }

    /** Inputs in the model's order, by name (the edit validator checks what an edited model takes). */
    public Map<String, ValueDescriptor> inputsByName() {
        Map<String, ValueDescriptor> byName = new LinkedHashMap<>();
        for (ValueDescriptor d : inputs) {
            byName.put(d.name(), d);
        }
        return byName;
    }

    private boolean closed;

    /** Closes the session; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            // Closing only frees memory; nothing the user can act on.
            System.getLogger(ModelSession.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the ONNX Runtime session failed", e);
        }
    }
}
