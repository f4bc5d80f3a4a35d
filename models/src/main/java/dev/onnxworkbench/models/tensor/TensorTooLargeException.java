package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;

/** A tensor whose values would not fit in memory (or in one buffer), said before anything is allocated. */
public final class TensorTooLargeException extends WorkbenchException {
    public TensorTooLargeException(String message) {
        super(message);
    }
}
