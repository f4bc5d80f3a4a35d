package dev.onnxworkbench.models.edit;

import dev.onnxworkbench.models.WorkbenchException;

/** An edit that cannot be applied to this model (a name it does not have, a value of the wrong type or shape). */
public final class EditException extends WorkbenchException {
    public EditException(String message) {
        super(message);
    }
}
