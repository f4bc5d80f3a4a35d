package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.runtime.inputs.InputSet;

/**
 * What the Inside tab knows about the current model's runs: the input set that ran, the last inspection
 * and the last profile (either may be null). Immutable; each finished run makes a new one.
 */
record InsightResults(InputSet inputs, Inspection inspection) {
    static final InsightResults EMPTY = new InsightResults(null, null);

    InsightResults withInspection(InputSet set, Inspection value) {
        return new InsightResults(set, value);
    }

    /** One line: the inputs that ran ("x float32[1,3,640,640] random (seed 1)"). */
    String describe() {
        return inputs == null ? "" : "Ran on " + inputs.summary() + ".";
    }
}
