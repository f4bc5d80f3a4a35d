package dev.onnxworkbench.models.inspect;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.ElementDecoder;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics and histogram of one tensor's values, in two streaming passes over its buffer. float32
 * (most activations) takes a bulk path; other types go through {@link TensorStatistics#of}, which
 * decodes element by element. Both give the same definitions (min/max/mean/std over finite values).
 */
final class TensorStatsPass {
    private static final int CHUNK = 1 << 14;

    private TensorStatsPass() {
    }

    static TensorStatistics statistics(HostTensor tensor, int firstValues) {
        if (tensor.isString() || !ElementDecoder.isNumeric(tensor.elementType())) {
            long n = tensor.isString() ? tensor.elementCount() : 0;
            return new TensorStatistics(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, List.of());
        }
        if (tensor.elementType() == ElementType.FLOAT) {
            return floats(tensor.data().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer(), firstValues);
        }
        return TensorStatistics.of(tensor.data(), tensor.elementType(),
                ElementDecoder.componentCount(tensor.elementType(), tensor.elementCount()), firstValues);
    }

    /** One pass with chunked sums (double accumulators; two-pass-free variance via sum of squares about a shift). */
    static TensorStatistics floats(FloatBuffer values, int firstValues) {
        int n = values.remaining();
        float[] chunk = new float[Math.min(CHUNK, Math.max(1, n))];
        List<Double> first = new ArrayList<>(Math.min(firstValues, n));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long finite = 0;
        long zeros = 0;
        long nan = 0;
        long posInf = 0;
        long negInf = 0;
        double shift = Double.NaN; // the first finite value: sums about it stay accurate for offset data
        double sum = 0;
        double sumSquares = 0;
        FloatBuffer in = values.duplicate();
        int done = 0;
        while (in.hasRemaining()) {
            int len = Math.min(chunk.length, in.remaining());
            in.get(chunk, 0, len);
            for (int i = 0; i < len; i++) {
                float v = chunk[i];
                if (done + i < firstValues) {
                    first.add((double) v);
                }
                if (Float.isFinite(v)) {
                    if (finite == 0) {
                        shift = v;
                    }
                    finite++;
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                    if (v == 0) {
                        zeros++;
                    }
                    double d = v - shift;
                    sum += d;
                    sumSquares += d * d;
                } else if (Float.isNaN(v)) {
                    nan++;
                } else if (v > 0) {
                    posInf++;
                } else {
                    negInf++;
                }
            }
            done += len;
        }
        if (finite == 0) {
            return new TensorStatistics(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, zeros, nan, posInf, negInf,
                    first);
        }
        double meanShifted = sum / finite;
        double variance = Math.max(0, sumSquares / finite - meanShifted * meanShifted);
        return new TensorStatistics(n, min, max, shift + meanShifted, Math.sqrt(variance), zeros, nan, posInf, negInf,
                first);
    }

    static Histogram histogram(HostTensor tensor, TensorStatistics stats, int bins) {
        if (tensor.isString() || !ElementDecoder.isNumeric(tensor.elementType())) {
            return null;
        }
        return Histogram.of(tensor.data(), tensor.elementType(), stats.count(), stats.min(), stats.max(), bins);
    }
}
