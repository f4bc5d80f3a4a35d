package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;

/**
 * An execution provider that cannot be used on this machine: its native library did not load (a
 * missing CUDA/cuDNN/TensorRT library, no driver, no GPU). Keeps ONNX Runtime's own loader message.
 */
public final class ProviderUnavailableException extends WorkbenchException {
    private final ExecutionProvider provider;
    private final String loaderMessage;
    private final String advice;

    public ProviderUnavailableException(ExecutionProvider provider, String loaderMessage, String advice,
                                        Throwable cause) {
        super(provider.displayName() + " is not available: " + firstLine(loaderMessage) + ". " + advice, cause);
        this.provider = provider;
        this.loaderMessage = loaderMessage;
        this.advice = advice;
    }

    public ExecutionProvider provider() {
        return provider;
    }

    /** ONNX Runtime's message, unchanged (names the library that failed to load). */
    public String loaderMessage() {
        return loaderMessage;
    }

    /** What to install or check. */
    public String advice() {
        return advice;
    }

    private static String firstLine(String text) {
        String t = text == null ? "unknown reason" : text.strip();
        int newline = t.indexOf('\n');
        t = newline >= 0 ? t.substring(0, newline) : t;
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
