package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;

/** A tensor file or value that cannot be read: bad header, wrong element count, a value that does not parse. */
public final class TensorFormatException extends WorkbenchException {
    public TensorFormatException(String message) {
        super(message);
    }

    public TensorFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
