package dev.onnxworkbench.models.bench;

import java.util.Arrays;

/**
 * Exact summary statistics of a set of latency samples, in milliseconds.
 *
 * <p>Percentiles use linear interpolation between closest ranks, the same definition as
 * numpy's default ({@code method="linear"}, Hyndman &amp; Fan type 7): for sorted samples
 * {@code x[0..n-1]} the p-th percentile is at fractional index {@code h = (n-1)·p/100},
 * {@code x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1]-x[⌊h⌋])}. {@code std} is the population standard
 * deviation (numpy's default, ddof=0), computed in two passes for accuracy.
 */
public record LatencyStats(int count, double min, double mean, double std,
                           double p50, double p90, double p95, double p99, double max) {

    /** Statistics of samples in nanoseconds, reported in milliseconds. */
    public static LatencyStats ofNanos(long[] nanos, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return ofMillis(ms);
    }

    /** Statistics of samples already in milliseconds (the array is not modified). */
    public static LatencyStats ofMillis(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / sorted.length;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / sorted.length);
        return new LatencyStats(sorted.length, sorted[0], mean, std,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 95), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The p-th percentile (0..100) of ascending samples, by linear interpolation (numpy's default). */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0 || p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " of " + sorted.length + " samples");
        }
        double h = (sorted.length - 1) * p / 100.0;
        int lower = (int) Math.floor(h);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}
