package dev.onnxworkbench.models.serve;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A model file served: its ONNX Runtime session and the HTTP server in front of it, started together
 * and stopped together (the server first, so requests in flight finish before the session closes).
 * What both the {@code serve} command and the window's Serve panel run.
 */
public final class ModelServer implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final ModelSession session;
    private final InferenceServer server;
    private final String name;

    private ModelServer(ModelSession session, InferenceServer server, String name) {
        this.session = session;
        this.server = server;
        this.name = name;
    }

    /**
     * Opens the model and starts serving it. Requests run in parallel, each on one intra-op thread unless
     * the settings say otherwise (ORT's own pool would only make concurrent requests fight for cores).
     */
    public static ModelServer start(SessionFactory factory, Path model, String name, ProviderSettings settings,
                                    ServerOptions options) throws WorkbenchException {
        String served = name == null || name.isBlank() ? defaultName(model) : name;
        if (!NAME.matcher(served).matches()) {
            throw new WorkbenchException("The model name '" + served + "' cannot be part of a URL; use letters, "
                    + "digits, '.', '_' and '-'.");
        }
        ProviderSettings effective = settings.has(ProviderOption.INTRA_OP_THREADS) ? settings
                : settings.with(ProviderOption.INTRA_OP_THREADS, "1");
        ModelSession session = factory.open(model, effective);
        try {
            InferenceServer server = InferenceServer.start(List.of(new ServedModel(served, session)), options);
            return new ModelServer(session, server, served);
        } catch (IOException | RuntimeException e) {
            session.close();
            String why = e instanceof BindException ? "the port is in use or the address is not this machine's"
                    : String.valueOf(e.getMessage());
            throw new WorkbenchException("Could not listen on " + options.host() + ":" + options.port() + ": " + why
                    + ".", e);
        }
    }

    /** The file name without {@code .onnx}, made URL-safe: "weekly-weight-change". */
    public static String defaultName(Path model) {
        String file = model.getFileName().toString();
        if (file.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            file = file.substring(0, file.length() - 5);
        }
        String safe = file.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || !Character.isLetterOrDigit(safe.charAt(0)) ? "model" + safe : safe;
    }

    public String name() {
        return name;
    }

    public ModelSession session() {
        return session;
    }

    public InferenceServer server() {
        return server;
    }

    /** {@code http://127.0.0.1:8000} */
    public String url() {
        return server.url();
    }

    /** {@code http://127.0.0.1:8000/v2/models/NAME/infer} */
    public String inferUrl() {
        return server.url() + "/v2/models/" + name + "/infer";
    }

    /** Stops accepting, lets requests in flight finish (up to 10 s), then closes the session. */
    @Override
    public void close() {
        server.stop(10);
        session.close();
    }
}
