package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;

/**
 * An option whose value picocli accepted by type but the verb cannot use ({@code --port 70000},
 * {@code --out x.jpg}): a usage error, exit 2, like picocli's own refusals of a malformed value.
 */
final class OptionValueException extends WorkbenchException {
    OptionValueException(String message) {
        super(message);
    }
}
