package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.WorkbenchException;

/** A benchmark that cannot start or be saved for a reason the user can act on (bad settings, unreadable model). */
public class BenchmarkException extends WorkbenchException {
    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
