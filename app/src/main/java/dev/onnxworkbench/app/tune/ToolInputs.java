package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.UnresolvedDimensionException;
import java.util.concurrent.Callable;

/**
 * What a tool (Tune, Optimized Graph) runs on: sizes the user typed ("x=1,3,320,320 N=1", random values from
 * seed 42), else the Predict form's input set, else — when the form is not filled in — random values from seed
 * 42 at batch 1. Read on the FX thread, built in the background.
 */
final class ToolInputs {
    static final long SEED = 42;

    private ToolInputs() {
    }

    /** Reads the form now; the callable builds the set (or says which size is missing) off the FX thread. */
    static Callable<InputSet> of(Model model, String sizes, FormInputs form) {
        if (sizes != null && !sizes.isBlank()) {
            return () -> sized(model, sizes);
        }
        Callable<InputSet> fromForm = form.snapshot();
        return () -> {
            try {
                return fromForm.call();
            } catch (InvalidInputException formNotReady) {
                try {
                    return InputSet.builder(model).randomFill(SEED).defaultBatch(1).build();
                } catch (UnresolvedDimensionException e) {
                    throw new InvalidInputException(e.getMessage() + " Fill in the Predict form (an image, a size) "
                            + "or type the sizes here.");
                }
            }
        };
    }

    /** The typed sizes ("x=1,3,320,320 N=1") on random values from seed 42, batch 1 unless sized. */
    static InputSet sized(Model model, String text) throws WorkbenchException {
        InputSetBuilder builder = InputSet.builder(model).randomFill(SEED).defaultBatch(1);
        for (String part : text.trim().split("[;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("Inputs: write INPUT=D0,D1,… or NAME=SIZE, not '" + part + "'.");
            }
            String name = part.substring(0, eq);
            String[] dims = part.substring(eq + 1).split("[,x×]");
            long[] values = new long[dims.length];
            try {
                for (int i = 0; i < dims.length; i++) {
                    values[i] = Long.parseLong(dims[i].trim());
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Inputs: '" + part + "' has a size that is not a whole number.");
            }
            boolean isInput = model.graph().inputs().stream().anyMatch(v -> v.name().equals(name));
            if (isInput) {
                builder.shape(name, values);
            } else if (values.length == 1) {
                builder.dim(name, values[0]);
            } else {
                throw new InvalidInputException("Inputs: the model has no input named '" + name + "'.");
            }
        }
        return builder.build();
    }

    /** "Inputs: x float32[1,3,640,640] from street.png" — the header line of a result. */
    static String line(InputSet set) {
        return "Inputs: " + set.summary();
    }
}
