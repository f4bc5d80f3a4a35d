package dev.onnxworkbench.models.rewrite;

import dev.onnxworkbench.models.WorkbenchException;

/** A rewrite that cannot be done on this model (a tensor it does not have, a type it does not record...). */
public class RewriteException extends WorkbenchException {
    public RewriteException(String message) {
        super(message);
    }

    public RewriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
