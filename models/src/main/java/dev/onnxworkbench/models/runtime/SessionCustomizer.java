package dev.onnxworkbench.models.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Extra session options a caller needs beyond {@link ProviderSettings}, applied after them and before the
 * session is created, e.g. {@code options -> options.enableProfiling(prefix)} for node placement.
 */
@FunctionalInterface
public interface SessionCustomizer {
    SessionCustomizer NONE = options -> { };

    void customize(OrtSession.SessionOptions options) throws OrtException;
}
