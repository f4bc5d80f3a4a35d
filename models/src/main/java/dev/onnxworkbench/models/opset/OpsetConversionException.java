package dev.onnxworkbench.models.opset;

import dev.onnxworkbench.models.rewrite.RewriteException;

/** An opset conversion that cannot be done: a step without a converter, or a node a converter cannot take. */
public final class OpsetConversionException extends RewriteException {
    public OpsetConversionException(String message) {
        super(message);
    }
}
