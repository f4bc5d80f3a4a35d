package dev.onnxworkbench.models.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The ONNX Runtime execution providers the workbench offers, with the options each understands. */
public enum ExecutionProvider {
    CPU("CPU", "CPUExecutionProvider"),
    CUDA("CUDA", "CUDAExecutionProvider"),
    TENSORRT("TensorRT", "TensorrtExecutionProvider");

    private final String displayName;
    private final String ortName;

    ExecutionProvider(String displayName, String ortName) {
        this.displayName = displayName;
        this.ortName = ortName;
    }

    /** What people call it: "CPU", "CUDA", "TensorRT". */
    public String displayName() {
        return displayName;
    }

    /** ONNX Runtime's name: "CUDAExecutionProvider". */
    public String ortName() {
        return ortName;
    }

    /** The options this provider accepts in {@link ProviderSettings}; session options apply to every provider. */
    public List<ProviderOption> options() {
        return ProviderOption.forProvider(this);
    }

    /** Parses "cpu", "CUDA", "tensorrt", "trt" or an ORT name. */
    public static Optional<ExecutionProvider> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ExecutionProvider p : values()) {
            if (t.equals(p.name().toLowerCase(Locale.ROOT)) || t.equals(p.displayName.toLowerCase(Locale.ROOT))
                    || t.equals(p.ortName.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return t.equals("trt") ? Optional.of(TENSORRT) : Optional.empty();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
