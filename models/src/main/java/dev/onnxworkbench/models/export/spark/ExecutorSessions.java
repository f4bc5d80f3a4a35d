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
            session = openOnLargeStack(factory, model, threads);
            SESSIONS.put(key, session);
        }
        return session;
    }

    /**
     * Opens the session on a thread with a 1 GiB stack (reserved, touched only as used). ONNX Runtime 1.29's
     * Linux build reads /proc/self/cmdline while it creates the environment and a session, and its parsing
     * overflows an ordinary stack when the command line is long (a JVM started with a 17 KB -cp crashed with
     * SIGSEGV and no crash report); Spark task threads have ordinary stacks.
     */
    private static ModelSession openOnLargeStack(SessionFactory factory, Path model, int threads)
            throws WorkbenchException {
        ModelSession[] opened = new ModelSession[1];
        WorkbenchException[] failed = new WorkbenchException[1];
        Thread t = new Thread(null, () -> {
            try {
                opened[0] = factory.open(model, settings(threads));
            } catch (WorkbenchException e) {
                failed[0] = e;
            }
        }, "open-onnx-session", 1L << 30);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException("Interrupted while opening the session for " + model.getFileName() + ".", e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return opened[0];
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
