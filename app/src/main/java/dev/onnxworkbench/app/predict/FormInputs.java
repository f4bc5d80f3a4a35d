package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The Predict form's input set as the tool windows (Inside, Tune, Find Divergence, Optimized Graph, Serve) take
 * it: {@link #snapshot()} reads the form on the FX thread; calling the result builds the set off it, or throws
 * an exception whose message says what to fill in. Every tool thereby runs what Predict runs.
 */
@FunctionalInterface
public interface FormInputs {
    Callable<InputSet> snapshot();

    /**
     * The picture settings the form's image editors show now, by input name (resize, layout, channels, scaling;
     * no size: the form's size fields belong to its one picture). Read on the FX thread. A tool that turns a
     * folder of pictures into tensors (Quantize's calibration folder) uses them, so it makes what Predict makes.
     *
     * @throws InvalidInputException when a custom mean/std in the form does not parse
     */
    default Map<String, ImageSettings> imageSettings() throws InvalidInputException {
        return Map.of();
    }

    /** No form (tests, or a window without one): every call says so. */
    FormInputs NONE = () -> () -> {
        throw new dev.onnxworkbench.models.runtime.inputs.InvalidInputException(
                "Fill in the Predict form first.");
    };
}
