package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.flops.ModelCosts;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.profile.ProfileReport;
import dev.onnxworkbench.models.runtime.inputs.InputSet;

/**
 * What the Inside tab knows about the current model's runs: the input set that ran last, the last
 * inspection with the FLOPs/parameters/activation memory worked out from its actual shapes, and the
 * last profile (each may be null). Immutable; each finished run makes a new one.
 */
record InsightResults(InputSet inputs, Inspection inspection, ModelCosts costs, ProfileReport profile) {
    static final InsightResults EMPTY = new InsightResults(null, null, null, null);

    InsightResults withInspection(InputSet set, Inspection value, ModelCosts nodeCosts) {
        return new InsightResults(set, value, nodeCosts, profile);
    }

    InsightResults withProfile(InputSet set, ProfileReport value) {
        return new InsightResults(set, inspection, costs, value);
    }

    /** One line: the inputs that ran ("x float32[1,3,640,640] random, seed 1"). */
    String describe() {
        return inputs == null ? "" : "Ran on " + inputs.summary() + ", CPU.";
    }
}
