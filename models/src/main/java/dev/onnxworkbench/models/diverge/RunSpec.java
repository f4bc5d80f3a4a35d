package dev.onnxworkbench.models.diverge;

import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;

/** One side of a divergence search: a model file on a provider with its options. */
public record RunSpec(Path model, ProviderSettings settings) {
    /** "model.onnx on CUDA {graph_optimization_level=disable}". */
    public String describe() {
        return model.getFileName() + " on " + settings;
    }
}
