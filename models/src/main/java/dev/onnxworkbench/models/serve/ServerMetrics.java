package dev.onnxworkbench.models.serve;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts, error counts and a latency histogram per model, lock-free, rendered in Prometheus'
 * text exposition format for {@code GET /metrics}.
 */
public final class ServerMetrics {
    /** Histogram bucket upper bounds in seconds (Prometheus' {@code le}). */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** Counters of one model. */
    static final class ModelCounters {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];

        ModelCounters() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    /** Totals over every model, for the window's live view. */
    public record Snapshot(long requests, long errors, long totalNanos) {
    }

    private final Map<String, ModelCounters> models = new ConcurrentHashMap<>();
    private final LongAdder otherRequests = new LongAdder();

    void model(String name) {
        models.computeIfAbsent(name, n -> new ModelCounters());
    }

    /** Records one infer request for {@code model}. */
    void record(String model, long nanos, boolean error) {
        ModelCounters c = models.computeIfAbsent(model, n -> new ModelCounters());
        c.requests.increment();
        if (error) {
            c.errors.increment();
        }
        c.nanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                c.buckets[i].increment(); // counted once here; rendering makes the buckets cumulative
                break;
            }
        }
    }

    /** Records a request that reached no model (health, metadata, 404s). */
    void recordOther() {
        otherRequests.increment();
    }

    public Snapshot snapshot() {
        long requests = 0;
        long errors = 0;
        long nanos = 0;
        for (ModelCounters c : models.values()) {
            requests += c.requests.sum();
            errors += c.errors.sum();
            nanos += c.nanos.sum();
        }
        return new Snapshot(requests, errors, nanos);
    }

    /** The Prometheus text exposition (version 0.0.4). */
    public String prometheusText() {
        StringBuilder b = new StringBuilder(1024);
        b.append("# HELP workbench_infer_requests_total Infer requests per model.\n");
        b.append("# TYPE workbench_infer_requests_total counter\n");
        models.forEach((m, c) -> line(b, "workbench_infer_requests_total", m, null, c.requests.sum()));
        b.append("# HELP workbench_infer_errors_total Infer requests per model answered with an error.\n");
        b.append("# TYPE workbench_infer_errors_total counter\n");
        models.forEach((m, c) -> line(b, "workbench_infer_errors_total", m, null, c.errors.sum()));
        b.append("# HELP workbench_infer_duration_seconds Time from request to response per model.\n");
        b.append("# TYPE workbench_infer_duration_seconds histogram\n");
        models.forEach((m, c) -> {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += c.buckets[i].sum();
                line(b, "workbench_infer_duration_seconds_bucket", m, format(BUCKETS[i]), cumulative);
            }
            long count = c.requests.sum();
            line(b, "workbench_infer_duration_seconds_bucket", m, "+Inf", count);
            b.append("workbench_infer_duration_seconds_sum{model=\"").append(escape(m)).append("\"} ")
                    .append(format(c.nanos.sum() / 1e9)).append('\n');
            line(b, "workbench_infer_duration_seconds_count", m, null, count);
        });
        b.append("# HELP workbench_other_requests_total Requests that were not infer requests.\n");
        b.append("# TYPE workbench_other_requests_total counter\n");
        b.append("workbench_other_requests_total ").append(otherRequests.sum()).append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String metric, String model, String le, long value) {
        b.append(metric).append("{model=\"").append(escape(model)).append('"');
        if (le != null) {
            b.append(",le=\"").append(le).append('"');
        }
        b.append("} ").append(value).append('\n');
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
