package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;

/**
 * ONNX Runtime refused to create a session for a model: not a model, an invalid graph, or an operator
 * or type it has no kernel for on the chosen provider ({@link #isUnsupported()}).
 */
public final class ModelLoadException extends WorkbenchException {
    private final boolean unsupported;

    public ModelLoadException(String message, boolean unsupported, Throwable cause) {
        super(message, cause);
        this.unsupported = unsupported;
    }

    /** True when the model is valid but ONNX Runtime cannot run one of its operators or types here. */
    public boolean isUnsupported() {
        return unsupported;
    }
}
