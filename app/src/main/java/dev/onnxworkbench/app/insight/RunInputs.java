package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.util.concurrent.CompletionStage;

/**
 * Where the inside-a-run views get what to run: the Predict form's current input set (its shapes and
 * values), so that an inspected or profiled run is the run the user prepared, never one with free
 * dimensions silently set to 1.
 */
@FunctionalInterface
public interface RunInputs {
    /**
     * Asked on the FX thread; completes (on any thread) with the input set, or exceptionally with an
     * exception whose message tells the user what to fill in.
     */
    CompletionStage<InputSet> current();
}
