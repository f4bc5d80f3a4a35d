package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a model on form values. The pane talks to ONNX Runtime only through this, on a background thread;
 * implementations keep the session of the last model and provider open between runs.
 */
interface PredictionBackend extends AutoCloseable {

    /** Provider names the user can choose, CPU first. */
    List<String> providers();

    RunResult run(Path model, String provider, Map<String, HostTensor> inputs) throws WorkbenchException;

    /** Closes any open session (when the pane shows another model, and at exit). */
    @Override
    void close();

    /**
     * Outputs in the model's output order (as the view shows them, and as the runtime returned them, for
     * comparing with expected values) and the time ONNX Runtime's run took.
     */
    record RunResult(List<OutputValue> outputs, Map<String, dev.onnxworkbench.models.tensor.OutputValue> values,
                     double latencyMs, String provider) {
        public RunResult {
            outputs = List.copyOf(outputs);
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }
}
