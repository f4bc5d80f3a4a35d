package dev.onnxworkbench.models.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An Open Inference Protocol (KServe v2 REST) server on the JDK's HTTP server, one virtual thread per
 * request: health, server and model metadata, model readiness, infer, and Prometheus {@code /metrics}.
 * Every refusal is {@code {"error": "…"}} with 400/401/404/405/413; a bad request never stops the server.
 * {@link #stop} lets requests in flight finish.
 */
public final class InferenceServer implements AutoCloseable {
    /** Most bytes of an oversized body thrown away after the 413 so clients that write it all still read the answer. */
    private static final long DISCARD_LIMIT = 64L * 1024 * 1024;

    static {
        // Without TCP_NODELAY small responses wait for the client's delayed ACK (≈40 ms on Linux).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final ServerOptions options;
    private final ServerMetrics metrics = new ServerMetrics();
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] token;

    private InferenceServer(List<ServedModel> served, ServerOptions options) throws IOException {
        this.options = options;
        for (ServedModel m : served) {
            models.put(m.name(), m);
            metrics.model(m.name());
        }
        this.token = options.token() == null ? null
                : ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
        http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
    }

    /** Binds and starts serving; the port is taken when this returns. */
    public static InferenceServer start(List<ServedModel> models, ServerOptions options) throws IOException {
        InferenceServer server = new InferenceServer(models, options);
        server.http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://HOST:PORT} as a client on this machine writes it. */
    public String url() {
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Stops accepting, waits up to {@code graceSeconds} for requests in flight, then stops. */
    public void stop(int graceSeconds) {
        http.stop(graceSeconds);
        executor.close();
    }

    @Override
    public void close() {
        stop(5);
    }

    private void handle(HttpExchange ex) {
        long start = System.nanoTime();
        String model = null;
        int status = 500;
        try {
            String path = ex.getRequestURI().getRawPath();
            List<String> parts = segments(path);
            if (parts.size() >= 3 && parts.get(0).equals("v2") && parts.get(1).equals("models")
                    && parts.get(parts.size() - 1).equals("infer")) {
                model = parts.get(2);
            }
            status = route(ex, parts);
        } catch (HttpError e) {
            status = e.status();
            sendError(ex, e.status(), e.getMessage());
        } catch (LimitedInputStream.TooLargeException e) {
            status = 413;
            sendError(ex, 413, "The request body is larger than the server's limit of "
                    + options.maxBodyBytes() / (1024 * 1024) + " MB.");
        } catch (IOException | RuntimeException e) {
            status = 500;
            sendError(ex, 500, "The server failed on this request: " + ServedModel.firstLine(String.valueOf(e)));
        } finally {
            ex.close();
            long nanos = System.nanoTime() - start;
            if (model != null && models.containsKey(model)) {
                metrics.record(model, nanos, status >= 400);
            } else {
                metrics.recordOther();
            }
            log(ex, status, nanos);
        }
    }

    private int route(HttpExchange ex, List<String> parts) throws HttpError, IOException {
        if (token != null && !authorized(ex)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new HttpError(401, "This server needs the header 'Authorization: Bearer TOKEN'.");
        }
        String method = ex.getRequestMethod();
        int n = parts.size();
        if (n == 1 && parts.get(0).equals("metrics")) {
            requireMethod(ex, "GET");
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.prometheusText().getBytes(StandardCharsets.UTF_8));
            return 200;
        }
        if (n == 0 || !parts.get(0).equals("v2")) {
            throw new HttpError(404, "No such endpoint: " + ex.getRequestURI().getPath()
                    + "; this server speaks the v2 inference protocol under /v2.");
        }
        if (n == 1) {
            requireMethod(ex, "GET");
            return sendJson(ex, 200, g -> {
                g.writeStartObject();
                g.writeStringField("name", "onnx-workbench");
                g.writeStringField("version", "1");
                g.writeArrayFieldStart("extensions");
                g.writeEndArray();
                g.writeEndObject();
            });
        }
        if (n == 3 && parts.get(1).equals("health") && (parts.get(2).equals("live") || parts.get(2).equals("ready"))) {
            requireMethod(ex, "GET");
            String field = parts.get(2);
            return sendJson(ex, 200, g -> {
                g.writeStartObject();
                g.writeBooleanField(field, true);
                g.writeEndObject();
            });
        }
        if (n >= 3 && parts.get(1).equals("models")) {
            ServedModel m = models.get(parts.get(2));
            List<String> rest = parts.subList(3, n);
            if (rest.size() >= 2 && rest.get(0).equals("versions")) {
                rest = rest.subList(2, rest.size()); // one version, whatever its number
            }
            if (m == null) {
                throw new HttpError(404, "No model named '" + parts.get(2) + "'; this server has "
                        + String.join(", ", models.keySet()) + ".");
            }
            if (rest.isEmpty()) {
                requireMethod(ex, "GET");
                return sendJson(ex, 200, m::writeMetadata);
            }
            if (rest.size() == 1 && rest.get(0).equals("ready")) {
                requireMethod(ex, "GET");
                return sendJson(ex, 200, g -> {
                    g.writeStartObject();
                    g.writeStringField("name", m.name());
                    g.writeBooleanField("ready", true);
                    g.writeEndObject();
                });
            }
            if (rest.size() == 1 && rest.get(0).equals("infer")) {
                requireMethod(ex, "POST");
                return infer(ex, m);
            }
        }
        throw new HttpError(404, "No such endpoint: " + method + " " + ex.getRequestURI().getPath() + ".");
    }

    private int infer(HttpExchange ex, ServedModel model) throws HttpError, IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new HttpError(400, "The Content-Length header '" + declared + "' is not a number.");
            }
            if (length > options.maxBodyBytes()) {
                rejectTooLarge(ex, length);
                return 413;
            }
        }
        InferRequest request;
        try (InputStream body = new LimitedInputStream(ex.getRequestBody(), options.maxBodyBytes())) {
            request = InferRequestParser.parse(body, ValueRules.of(options.allowNonFinite()));
        }
        return sendJson(ex, 200, g -> model.infer(request, g));
    }

    /** 413 before reading a byte; then throws the rest away unread (up to a bound) and closes the connection. */
    private void rejectTooLarge(HttpExchange ex, long length) throws IOException {
        ex.getResponseHeaders().set("Connection", "close");
        sendError(ex, 413, "The request body is " + length + " bytes, larger than the server's limit of "
                + options.maxBodyBytes() + " bytes (" + options.maxBodyBytes() / (1024 * 1024) + " MB).");
        if (length <= DISCARD_LIMIT) {
            InputStream in = ex.getRequestBody();
            byte[] sink = new byte[64 * 1024];
            while (in.read(sink) >= 0) {
                // discarded: nothing is kept, so the body never occupies memory
            }
        }
    }

    private static void requireMethod(HttpExchange ex, String method) throws HttpError {
        if (!ex.getRequestMethod().equals(method)) {
            ex.getResponseHeaders().set("Allow", method);
            throw new HttpError(405, ex.getRequestMethod() + " is not allowed on " + ex.getRequestURI().getPath()
                    + "; use " + method + ".");
        }
    }

    private boolean authorized(HttpExchange ex) {
        String given = ex.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes JSON. */
    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator g) throws IOException, HttpError;
    }

    /** Renders the whole answer first, so a failure half-way still becomes a clean error response. */
    private static int sendJson(HttpExchange ex, int status, JsonBody body) throws IOException, HttpError {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = InferRequestParser.JSON.createGenerator(bytes)) {
            body.write(g);
        }
        send(ex, status, "application/json", bytes.toByteArray());
        return status;
    }

    private static void sendError(HttpExchange ex, int status, String message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (JsonGenerator g = InferRequestParser.JSON.createGenerator(bytes)) {
                g.writeStartObject();
                g.writeStringField("error", message);
                g.writeEndObject();
            }
            send(ex, status, "application/json", bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            // the client went away or headers were already sent; nothing more to tell it
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body);
        out.flush();
    }

    private static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }

    private void log(HttpExchange ex, int status, long nanos) {
        InetSocketAddress remote = ex.getRemoteAddress();
        options.accessLog().accept(String.format(Locale.ROOT, "%s %s %s %s %d %.3f ms", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                remote == null ? "-" : remote.getAddress().getHostAddress(), ex.getRequestMethod(),
                ex.getRequestURI().getRawPath(), status, nanos / 1e6));
    }
}
