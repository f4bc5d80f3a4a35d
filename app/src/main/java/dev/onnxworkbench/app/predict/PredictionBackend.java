package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
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

    /** Runs the model on the form's input set (its values are made, typed text parsed, on the calling thread). */
    RunResult run(Path model, String provider, InputSet inputs) throws WorkbenchException;

    /** Closes any open session (when the pane shows another model, and at exit). */
    @Override
    void close();

    /**
     * Outputs in the model's output order (as the view shows them, and as the runtime returned them, for
     * comparing with expected values) and the time ONNX Runtime's run took: the median of {@code runs} runs,
     * and {@code firstRunMs} the first run of a newly opened session (NaN when the session was already open),
     * which carries one-time setup and is often 100× the steady time on a busy machine.
     */
    record RunResult(List<OutputValue> outputs, Map<String, dev.onnxworkbench.models.tensor.OutputValue> values,
                     double latencyMs, String provider, int runs, double firstRunMs) {
        public RunResult {
            outputs = List.copyOf(outputs);
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        /** One run on an already open session. */
        public RunResult(List<OutputValue> outputs, Map<String, dev.onnxworkbench.models.tensor.OutputValue> values,
                         double latencyMs, String provider) {
            this(outputs, values, latencyMs, provider, 1, Double.NaN);
        }

        /** "Ran in 0.15 ms on CPU (median of 20 runs; the session's first run took 31.6 ms)". */
        public String describe() {
            StringBuilder text = new StringBuilder("Ran in " + HumanUnits.millis(latencyMs) + " on " + provider);
            if (runs > 1 || !Double.isNaN(firstRunMs)) {
                text.append(" (");
                if (runs > 1) {
                    text.append("median of ").append(runs).append(" runs");
                }
                if (!Double.isNaN(firstRunMs)) {
                    text.append(runs > 1 ? "; " : "").append("the session's first run took ")
                            .append(HumanUnits.millis(firstRunMs));
                }
                text.append(')');
            }
            return text.toString();
        }
    }
}
