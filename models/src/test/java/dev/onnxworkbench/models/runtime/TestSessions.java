package dev.onnxworkbench.models.runtime;

import java.nio.file.Path;

/** One factory for all tests of this JVM; native libraries cached under target/ so builds do not touch $HOME. */
public final class TestSessions {
    private static final SessionFactory FACTORY =
            new SessionFactory(new NativeLibraries(Path.of("target", "ort-native").toAbsolutePath()));

    private TestSessions() {
    }

    public static SessionFactory factory() {
        return FACTORY;
    }
}
