package dev.onnxworkbench.models.precision;

import java.nio.FloatBuffer;

/**
 * The values one tensor took during calibration, merged batch by batch in constant memory: the minimum and
 * maximum, and (for percentile, entropy and mse) a histogram of |x| with a fixed number of bins whose range doubles
 * (neighbouring bins merged) when a batch exceeds it, so memory never grows with the set.
 */
final class RangeCollector {
    static final int BINS = 2048;
    private static final int QUANTIZED_BINS = 128;

    private final boolean histogram;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long[] bins;
    private double top; // the histogram covers |x| in [0, top)
    private final float[] chunk = new float[1 << 13];

    RangeCollector(boolean histogram) {
        this.histogram = histogram;
    }

    boolean seen() {
        return min <= max;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    void add(FloatBuffer values) {
        FloatBuffer in = values.duplicate();
        double batchMin = Double.POSITIVE_INFINITY;
        double batchMax = Double.NEGATIVE_INFINITY;
        while (in.hasRemaining()) {
            int n = Math.min(chunk.length, in.remaining());
            in.get(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                float v = chunk[i];
                if (v < batchMin) {
                    batchMin = v;
                }
                if (v > batchMax) {
                    batchMax = v; // NaN compares false: skipped
                }
            }
        }
        if (!(batchMin <= batchMax) || Double.isInfinite(batchMin) || Double.isInfinite(batchMax)) {
            batchMin = Math.min(finiteOr(batchMin, 0), 0);
            batchMax = Math.max(finiteOr(batchMax, 0), 0);
        }
        min = Math.min(min, batchMin);
        max = Math.max(max, batchMax);
        if (!histogram) {
            return;
        }
        double absMax = Math.max(Math.abs(batchMin), Math.abs(batchMax));
        if (bins == null) {
            bins = new long[BINS];
            top = absMax > 0 ? absMax * (1 + 1e-6) : 1e-8;
        }
        while (absMax >= top) {
            grow();
        }
        double perBin = BINS / top;
        in = values.duplicate();
        while (in.hasRemaining()) {
            int n = Math.min(chunk.length, in.remaining());
            in.get(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                float v = Math.abs(chunk[i]);
                if (v < Float.POSITIVE_INFINITY) { // NaN and ∞ are not counted
                    bins[Math.min(BINS - 1, (int) (v * perBin))]++;
                }
            }
        }
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    /** Doubles the histogram's range: bin pairs merge into the lower half. */
    private void grow() {
        for (int i = 0; i < BINS / 2; i++) {
            bins[i] = bins[2 * i] + bins[2 * i + 1];
        }
        java.util.Arrays.fill(bins, BINS / 2, BINS, 0);
        top *= 2;
    }

    /** The range to quantize to: [min, max] clipped at ±threshold of the chosen method. */
    double[] range(CalibrationMethod method, double percentile) {
        if (!seen()) {
            return new double[] {0, 0};
        }
        if (method == CalibrationMethod.MINMAX || bins == null) {
            return new double[] {min, max};
        }
        double t = switch (method) {
            case PERCENTILE -> percentileThreshold(percentile);
            case MSE -> mseThreshold();
            default -> entropyThreshold();
        };
        return new double[] {Math.max(min, -t), Math.min(max, t)};
    }

    double percentileThreshold(double percentile) {
        long total = 0;
        for (long b : bins) {
            total += b;
        }
        double wanted = total * percentile / 100.0;
        long cumulative = 0;
        for (int i = 0; i < BINS; i++) {
            cumulative += bins[i];
            if (cumulative >= wanted) {
                return (i + 1) * top / BINS;
            }
        }
        return top;
    }

    /**
     * The threshold t minimizing the expected squared error of 256 levels over [max(min, −t), min(max, t)]: each
     * value inside costs Δ²/12 (Δ the step), each value beyond t costs (|x| − t)². Suffix sums of n, n·x and n·x²
     * make every candidate (a bin edge) O(1), so the search is linear in the bins.
     */
    double mseThreshold() {
        double width = top / BINS;
        double[] count = new double[BINS + 1];
        double[] sumX = new double[BINS + 1];
        double[] sumX2 = new double[BINS + 1];
        for (int i = BINS - 1; i >= 0; i--) {
            double x = (i + 0.5) * width;
            count[i] = count[i + 1] + bins[i];
            sumX[i] = sumX[i + 1] + bins[i] * x;
            sumX2[i] = sumX2[i + 1] + bins[i] * x * x;
        }
        double bestError = Double.POSITIVE_INFINITY;
        double best = Math.max(Math.abs(min), Math.abs(max));
        for (int i = 1; i <= BINS; i++) {
            double t = i * width;
            double span = Math.min(Math.max(max, 0), t) - Math.max(Math.min(min, 0), -t);
            if (span <= 0) {
                continue;
            }
            double step = span / 255;
            double inside = (count[0] - count[i]) * step * step / 12;
            double clipped = sumX2[i] - 2 * t * sumX[i] + t * t * count[i];
            double error = inside + clipped;
            if (error < bestError) {
                bestError = error;
                best = t;
            }
        }
        return best;
    }

    /**
     * TensorRT's entropy calibration: for each candidate threshold (bin i), P is the histogram up to i with the
     * outliers folded into its last bin, Q the same quantized to 128 levels and expanded back; the threshold with
     * the smallest KL(P‖Q) wins.
     */
    double entropyThreshold() {
        long total = 0;
        int last = 0;
        for (int i = 0; i < BINS; i++) {
            total += bins[i];
            if (bins[i] > 0) {
                last = i;
            }
        }
        if (total == 0 || last < QUANTIZED_BINS) {
            return (last + 1) * top / BINS;
        }
        double bestKl = Double.POSITIVE_INFINITY;
        int best = last + 1;
        double[] p = new double[BINS];
        double[] q = new double[BINS];
        long[] suffix = new long[BINS + 1];
        for (int i = BINS - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] + bins[i];
        }
        for (int i = QUANTIZED_BINS; i <= last + 1; i += 2) {
            for (int k = 0; k < i; k++) {
                p[k] = bins[k];
            }
            p[i - 1] += suffix[i];
            double merged = (double) i / QUANTIZED_BINS;
            for (int j = 0; j < QUANTIZED_BINS; j++) {
                int start = (int) Math.floor(j * merged);
                int end = j == QUANTIZED_BINS - 1 ? i : (int) Math.floor((j + 1) * merged);
                double sum = 0;
                int nonZero = 0;
                for (int k = start; k < end; k++) {
                    sum += bins[k];
                    if (bins[k] != 0) {
                        nonZero++;
                    }
                }
                for (int k = start; k < end; k++) {
                    q[k] = bins[k] == 0 || nonZero == 0 ? 0 : sum / nonZero;
                }
            }
            double kl = kl(p, q, i);
            if (kl < bestKl) {
                bestKl = kl;
                best = i;
            }
        }
        return (best + 0.5) * top / BINS;
    }

    private static double kl(double[] p, double[] q, int n) {
        double sp = 0;
        double sq = 0;
        for (int k = 0; k < n; k++) {
            sp += p[k];
            sq += q[k];
        }
        if (sp == 0 || sq == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double kl = 0;
        for (int k = 0; k < n; k++) {
            if (p[k] > 0) {
                double pk = p[k] / sp;
                double qk = q[k] > 0 ? q[k] / sq : 1e-12;
                kl += pk * Math.log(pk / qk);
            }
        }
        return kl;
    }
}
