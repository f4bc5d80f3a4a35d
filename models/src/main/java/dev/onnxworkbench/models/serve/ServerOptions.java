package dev.onnxworkbench.models.serve;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the server listens: address, port (0 picks a free one), the largest request body it reads, an
 * optional bearer token, where each access-log line goes, and whether request values may be NaN/±Inf
 * ({@code serve --allow-non-finite}; refused with 400 otherwise, as every other door refuses them).
 */
public record ServerOptions(String host, int port, long maxBodyBytes, String token, Consumer<String> accessLog,
                            boolean allowNonFinite) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    public static final int DEFAULT_MAX_BODY_MB = 16;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(accessLog, "accessLog");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("the body limit must be positive");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
    }

    /** Finite request values only. */
    public ServerOptions(String host, int port, long maxBodyBytes, String token, Consumer<String> accessLog) {
        this(host, port, maxBodyBytes, token, accessLog, false);
    }

    /** The same options with non-finite request values accepted or not. */
    public ServerOptions withAllowNonFinite(boolean allow) {
        return new ServerOptions(host, port, maxBodyBytes, token, accessLog, allow);
    }

    /** 127.0.0.1, the given port, 16 MB bodies, no token, no access log. */
    public static ServerOptions local(int port) {
        return new ServerOptions(DEFAULT_HOST, port, DEFAULT_MAX_BODY_MB * 1024L * 1024L, null, line -> { });
    }

    public ServerOptions withAccessLog(Consumer<String> log) {
        return new ServerOptions(host, port, maxBodyBytes, token, log, allowNonFinite);
    }

    /** True when the address is reachable from other machines (anything but loopback). */
    public boolean isPublic() {
        return !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"));
    }
}
