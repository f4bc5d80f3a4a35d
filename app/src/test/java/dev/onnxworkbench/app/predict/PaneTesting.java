package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.nio.file.Path;

/** Shared set-up for the prediction tests. */
final class PaneTesting {
    private PaneTesting() {}

    /** ONNX Runtime's native libraries, unpacked once per build under target/ rather than per test. */
    static RuntimeBackend backend() {
        return new RuntimeBackend(() -> new SessionFactory(new NativeLibraries(Path.of("target", "ort-native"))));
    }
}
