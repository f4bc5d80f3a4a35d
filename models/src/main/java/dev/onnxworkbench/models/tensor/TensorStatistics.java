package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Summary of a tensor's values, computed in one streaming pass over its raw bytes (a view on the
 * mapped file: nothing is copied, however large the tensor). min/max/mean/std ignore NaN and
 * infinities; they are NaN when no finite value exists. Complex tensors count components.
 *
 * @param count   values examined
 * @param first   the first values, in order (at most the requested number)
 */
public record TensorStatistics(long count, double min, double max, double mean, double std, long zeros,
                               long nanCount, long positiveInfinityCount, long negativeInfinityCount,
                               List<Double> first) {

    public static final int DEFAULT_FIRST = 16;

    public TensorStatistics {
        first = List.copyOf(first);
    }

    public static TensorStatistics compute(Tensor tensor) throws WorkbenchException {
        return compute(tensor, DEFAULT_FIRST);
    }

    /** Reads the tensor's values (a view, for mapped data) and summarizes them; string tensors only count. */
    public static TensorStatistics compute(Tensor tensor, int firstCount) throws WorkbenchException {
        ElementType type = tensor.elementType();
        if (!ElementDecoder.isNumeric(type)) {
            long n = type == ElementType.STRING ? tensor.data().readStrings().size() : 0;
            return new TensorStatistics(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, List.of());
        }
        ByteBuffer raw = tensor.data().readRaw();
        long available = raw.remaining() * 8L / type.bits();
        long count = Math.min(ElementDecoder.componentCount(type, tensor.elementCount()),
                type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128 ? available * 2 : available);
        return of(raw, type, count, firstCount);
    }

    /** Summarizes {@code count} values of {@code type} in raw layout. */
    public static TensorStatistics of(ByteBuffer raw, ElementType type, long count, int firstCount) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        double m2 = 0;
        long finite = 0;
        long zeros = 0;
        long nan = 0;
        long posInf = 0;
        long negInf = 0;
        List<Double> first = new ArrayList<>(Math.min(firstCount, (int) Math.min(count, Integer.MAX_VALUE)));
        for (long i = 0; i < count; i++) {
            double v = ElementDecoder.decode(raw, type, i);
            if (i < firstCount) {
                first.add(v);
            }
            if (Double.isNaN(v)) {
                nan++;
            } else if (v == Double.POSITIVE_INFINITY) {
                posInf++;
            } else if (v == Double.NEGATIVE_INFINITY) {
                negInf++;
            } else {
                if (v == 0) {
                    zeros++;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                finite++;
                double delta = v - mean; // Welford: stable in one pass
                mean += delta / finite;
                m2 += delta * (v - mean);
            }
        }
        if (finite == 0) {
            return new TensorStatistics(count, Double.NaN, Double.NaN, Double.NaN, Double.NaN, zeros, nan, posInf,
                    negInf, first);
        }
        return new TensorStatistics(count, min, max, mean, Math.sqrt(m2 / finite), zeros, nan, posInf, negInf, first);
    }
}
