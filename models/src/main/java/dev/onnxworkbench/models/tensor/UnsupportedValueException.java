package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;

/** A value kind the runtime cannot pass or read through ONNX Runtime's Java API (sequence/optional inputs, ...). */
public final class UnsupportedValueException extends WorkbenchException {
    public UnsupportedValueException(String message) {
        super(message);
    }
}
