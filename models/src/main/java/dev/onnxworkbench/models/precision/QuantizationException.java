package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;

/** A model that cannot be quantized as asked (already quantized, no float weights, opset too old). */
public final class QuantizationException extends WorkbenchException {
    public QuantizationException(String message) {
        super(message);
    }
}
