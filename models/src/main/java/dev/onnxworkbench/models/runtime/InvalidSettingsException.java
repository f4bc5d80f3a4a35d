package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;

/** A provider option that does not exist or a value it does not take. */
public final class InvalidSettingsException extends WorkbenchException {
    public InvalidSettingsException(String message) {
        super(message);
    }
}
