package dev.onnxworkbench.models.opset;

import java.util.List;

/** The result of converting a model's default-domain opset: from, to, and every converter step that ran. */
public record OpsetConversion(long fromOpset, int toOpset, List<ConversionStep> steps) {
    public OpsetConversion {
        steps = List.copyOf(steps);
    }

    /** Steps that changed nodes (more than the version number). */
    public List<ConversionStep> rewrites() {
        return steps.stream().filter(s -> !s.change().startsWith("unchanged")).toList();
    }
}
