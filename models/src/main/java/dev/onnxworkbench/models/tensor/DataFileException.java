package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;

/** A test-data file (.pb) that cannot be read, with the file and the reason in the message. */
public final class DataFileException extends WorkbenchException {
    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
