package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;

/**
 * A run that did not complete: inputs that do not match the model (missing, wrong type or shape), or
 * ONNX Runtime failing while running; {@link #isUnsupported()} when it lacks a kernel or a type.
 */
public final class InferenceException extends WorkbenchException {
    private final boolean unsupported;

    public InferenceException(String message, boolean unsupported, Throwable cause) {
        super(message, cause);
        this.unsupported = unsupported;
    }

    public InferenceException(String message) {
        this(message, false, null);
    }

    public boolean isUnsupported() {
        return unsupported;
    }
}
