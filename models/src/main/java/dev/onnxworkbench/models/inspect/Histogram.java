package dev.onnxworkbench.models.inspect;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.ElementDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Counts of a tensor's finite values in {@code counts.length} equal bins spanning [min, max] (the
 * last bin includes max). NaN and infinities are not binned (TensorStatistics counts them).
 */
public record Histogram(double min, double max, long[] counts) {
    public static final int DEFAULT_BINS = 64;

    public Histogram {
        counts = counts.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Bin width; 0 when all finite values are equal. */
    public double binWidth() {
        return counts.length == 0 ? 0 : (max - min) / counts.length;
    }

    /** Bins the {@code count} values of {@code raw} between {@code min} and {@code max} (from a statistics pass). */
    public static Histogram of(ByteBuffer raw, ElementType type, long count, double min, double max, int bins) {
        long[] counts = new long[bins];
        if (Double.isNaN(min) || bins == 0) {
            return new Histogram(min, max, counts);
        }
        double scale = max > min ? bins / (max - min) : 0;
        if (type == ElementType.FLOAT) {
            FloatBuffer f = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            int n = (int) Math.min(count, f.remaining());
            float[] chunk = new float[Math.min(1 << 14, Math.max(1, n))];
            for (int done = 0; done < n; done += chunk.length) {
                int len = Math.min(chunk.length, n - done);
                f.get(done, chunk, 0, len);
                for (int i = 0; i < len; i++) {
                    float v = chunk[i];
                    if (Float.isFinite(v)) {
                        counts[bin(v, min, scale, bins)]++;
                    }
                }
            }
        } else {
            for (long i = 0; i < count; i++) {
                double v = ElementDecoder.decode(raw, type, i);
                if (Double.isFinite(v)) {
                    counts[bin(v, min, scale, bins)]++;
                }
            }
        }
        return new Histogram(min, max, counts);
    }

    private static int bin(double v, double min, double scale, int bins) {
        int b = (int) ((v - min) * scale);
        return b < 0 ? 0 : Math.min(b, bins - 1);
    }
}
