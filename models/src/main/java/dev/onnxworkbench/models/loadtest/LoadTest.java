package dev.onnxworkbench.models.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A closed-loop load test of any Open Inference Protocol (v2 REST) server: at each concurrency level, that
 * many clients send the same infer request back to back until the request count or the time is used up.
 * Traffic goes only to the URL given. Latency is measured per request from send to the full response.
 */
public final class LoadTest {
    /** No level runs longer than this, whatever the request count asks. */
    public static final Duration MAX_LEVEL_TIME = Duration.ofMinutes(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String model;
    private final HttpClient client;
    private final Map<String, String> headers;

    /**
     * @param url     the server's base URL ({@code http://127.0.0.1:8000})
     * @param headers extra headers for every request (e.g. Authorization)
     */
    public LoadTest(String url, String model, Map<String, String> headers) throws WorkbenchException {
        try {
            URI u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            this.base = u;
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("'" + url + "' is not a server URL like http://127.0.0.1:8000 ("
                    + e.getMessage() + ").");
        }
        this.model = model;
        this.headers = Map.copyOf(headers);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    public URI inferUri() {
        return URI.create(base + "/v2/models/" + model + "/infer");
    }

    /** {@code GET /v2/models/NAME}: the model's inputs as the server describes them. */
    public JsonNode metadata() throws WorkbenchException {
        URI uri = URI.create(base + "/v2/models/" + model);
        try {
            HttpResponse<String> r = client.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new WorkbenchException("GET " + uri + " answered " + r.statusCode() + ": " + shorten(r.body()));
            }
            return new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new WorkbenchException("Could not reach " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException("Interrupted while asking " + uri + " for the model's metadata.", e);
        }
    }

    /**
     * Sends {@code body} once before any level: a request the server refuses (4xx) would only measure how fast
     * it says no, so its refusal (for this workbench's server, the one validator's message: "age: NaN is not a
     * finite number; …") becomes an {@link InvalidInputException}.
     */
    public void probe(String body) throws WorkbenchException {
        HttpRequest request = request(inferUri()).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 4) {
                String message = shorten(r.body());
                try {
                    JsonNode error = new ObjectMapper().readTree(r.body()).path("error");
                    message = error.isTextual() ? error.asText() : error.path("message").asText(message);
                } catch (IOException notJson) {
                    // keep the raw body
                }
                throw new InvalidInputException(message);
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not reach " + inferUri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException("Interrupted while sending the first request to " + inferUri() + ".", e);
        }
    }

    /**
     * Runs each concurrency level with {@code body}: {@code requests} requests, or for {@code duration} when it
     * is not null (each level also stops at {@link #MAX_LEVEL_TIME}).
     */
    public LoadReport run(String body, List<Integer> concurrencies, long requests, Duration duration,
                          Consumer<LoadLevel> afterLevel) throws WorkbenchException {
        List<LoadLevel> levels = new ArrayList<>();
        for (int c : concurrencies) {
            if (c < 1) {
                throw new WorkbenchException("Concurrency must be 1 or more, not " + c + ".");
            }
            LoadLevel level = level(body, c, requests, duration);
            levels.add(level);
            afterLevel.accept(level);
        }
        return new LoadReport(base.toString(), model, levels);
    }

    private LoadLevel level(String body, int concurrency, long requests, Duration duration) throws WorkbenchException {
        HttpRequest request = request(inferUri()).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + Math.min(duration == null ? Long.MAX_VALUE : duration.toNanos(),
                MAX_LEVEL_TIME.toNanos());
        long budget = duration == null ? requests : Long.MAX_VALUE;
        AtomicLong issued = new AtomicLong();
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        List<long[]> perWorker = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                Latencies mine = new Latencies();
                workers.submit(() -> {
                    while (issued.incrementAndGet() <= budget && System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        String status;
                        try {
                            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            status = Integer.toString(r.statusCode());
                            if (r.statusCode() / 100 != 2) {
                                errors.increment();
                            }
                        } catch (IOException e) {
                            status = "connectionError";
                            errors.increment();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        mine.add(System.nanoTime() - t0);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                    synchronized (perWorker) {
                        perWorker.add(mine.toArray());
                    }
                });
            }
        }
        long wall = System.nanoTime() - start;
        long[] all = perWorker.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<String, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.sum()));
        return new LoadLevel(concurrency, all.length, percentile(all, 0.50), percentile(all, 0.90),
                percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                all.length / (wall / 1e9), errors.sum(), counts);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        headers.forEach(b::header);
        return b;
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** A growable long array; one per worker, so no locking per request. */
    private static final class Latencies {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
