package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.WorkbenchException;

/** A value a user typed or chose that cannot become the tensor an input needs; the message says what to fix. */
public class InvalidInputException extends WorkbenchException {
    public InvalidInputException(String message) {
        super(message);
    }
}
