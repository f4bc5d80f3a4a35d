package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs predictions for a window: keeps the session of the current model and provider open between
 * runs and reopens it only when the model or the settings change. Call from one background thread at
 * a time; close it when the model is closed.
 */
public final class Predictor implements AutoCloseable {
    private final SessionFactory factory;
    private ModelSession current;
    private Object currentStamp;

    public Predictor(SessionFactory factory) {
        this.factory = factory;
    }

    /**
     * The open session for this model and settings (opening it, and closing the previous one, if needed). A
     * model file rewritten since the session opened (new size or modification time) is opened again.
     */
    public synchronized ModelSession session(Path model, ProviderSettings settings) throws WorkbenchException {
        Object stamp = stamp(model);
        if (current != null && current.modelPath().equals(model) && current.settings().equals(settings)
                && stamp.equals(currentStamp)) {
            return current;
        }
        close();
        current = factory.open(model, settings);
        currentStamp = stamp;
        return current;
    }

    private static Object stamp(Path model) {
        try {
            return java.util.List.of(java.nio.file.Files.size(model), java.nio.file.Files.getLastModifiedTime(model));
        } catch (java.io.IOException e) {
            return java.util.List.of(); // the factory reports the missing file
        }
    }

    /** Runs the model on these inputs with the given provider. */
    public synchronized PredictionResult predict(Path model, ProviderSettings settings, Map<String, HostTensor> inputs)
            throws WorkbenchException {
        return session(model, settings).run(inputs);
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
