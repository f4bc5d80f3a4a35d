package dev.onnxworkbench.app.predict;

import java.util.Locale;

/** Count, range, mean and spread of a numeric output, in one pass (NaN and infinities counted apart). */
record TensorSummary(long count, double min, double max, double mean, double std, long nanCount, long infCount) {

    static TensorSummary of(OutputValue.TensorOutput t) {
        long n = 0;
        long nan = 0;
        long inf = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        double m2 = 0;
        long count = t.count();
        for (long i = 0; i < count; i++) {
            double v = t.get(i);
            if (Double.isNaN(v)) {
                nan++;
                continue;
            }
            if (Double.isInfinite(v)) {
                inf++;
                continue;
            }
            n++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
        }
        return new TensorSummary(count, n == 0 ? Double.NaN : min, n == 0 ? Double.NaN : max, n == 0 ? Double.NaN : mean,
                n == 0 ? Double.NaN : Math.sqrt(m2 / n), nan, inf);
    }

    String describe() {
        String base = String.format(Locale.ROOT, "min %s · max %s · mean %s · std %s", NumberText.brief(min),
                NumberText.brief(max), NumberText.brief(mean), NumberText.brief(std));
        if (nanCount > 0 || infCount > 0) {
            base += String.format(Locale.ROOT, " · %d NaN · %d ±Inf", nanCount, infCount);
        }
        return base;
    }
}
