package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.util.concurrent.Callable;

/**
 * The Predict form's input set as the tool windows (Inside, Tune, Find Divergence, Optimized Graph, Serve) take
 * it: {@link #snapshot()} reads the form on the FX thread; calling the result builds the set off it, or throws
 * an exception whose message says what to fill in. Every tool thereby runs what Predict runs.
 */
@FunctionalInterface
public interface FormInputs {
    Callable<InputSet> snapshot();

    /** No form (tests, or a window without one): every call says so. */
    FormInputs NONE = () -> () -> {
        throw new dev.onnxworkbench.models.runtime.inputs.InvalidInputException(
                "Fill in the Predict form first.");
    };
}
