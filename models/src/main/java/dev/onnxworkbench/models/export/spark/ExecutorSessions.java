package dev.onnxworkbench.models.export.spark;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One ONNX Runtime session per model and thread count in each executor JVM, shared by the tasks that run
 * there (a session's run is thread-safe) and closed when the JVM ends. SynapseML's ONNXModel opens one
 * per partition from broadcast bytes; a session per JVM pays the load once however many partitions an
 * executor gets.
 */
final class ExecutorSessions {
    private static final Map<String, ModelSession> SESSIONS = new HashMap<>();
    private static SessionFactory factory;

    private ExecutorSessions() {
    }

    static synchronized ModelSession get(Path model, int threads) throws WorkbenchException {
        String key = model.toAbsolutePath() + "#" + threads;
        ModelSession session = SESSIONS.get(key);
        if (session == null) {
            if (factory == null) {
                // Executors may have no writable home: ONNX Runtime's libraries go to the JVM's temporary folder.
                factory = new SessionFactory(new NativeLibraries(
                        Path.of(System.getProperty("java.io.tmpdir"), "onnx-workbench-natives")));
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorSessions::closeAll, "close-onnx-sessions"));
            }
            session = factory.open(model, settings(threads));
            SESSIONS.put(key, session);
        }
        return session;
    }

    /** CPU with {@code threads} intra-op threads: one per task core, since Spark runs a task per core. */
    static ProviderSettings settings(int threads) {
        return ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, Integer.toString(threads));
    }

    private static synchronized void closeAll() {
        SESSIONS.values().forEach(ModelSession::close);
        SESSIONS.clear();
    }
}
