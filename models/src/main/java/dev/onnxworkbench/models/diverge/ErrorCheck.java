package dev.onnxworkbench.models.diverge;

import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.tensor.ValueComparator;
import java.util.Arrays;

/**
 * Polygraphy's comparison of two runs' tensors (run B is the reference): per element
 * {@code abs = |a − b|}, {@code rel = abs / |b|}; an element fails only when {@code abs > atol} <b>and</b>
 * {@code rel > rtol}. NaN against NaN is equal; NaN against a number, or +∞ against anything but +∞, is an
 * infinite error and fails whatever the tolerances. Integers and booleans go through the same formula (any
 * difference of 1 exceeds a small atol); strings, sequences and maps compare through {@link ValueComparator}.
 */
public final class ErrorCheck {
    private ErrorCheck() {
    }

    public static TensorError compare(OutputValue a, OutputValue reference, Tolerance tolerance, Metric metric) {
        if (a instanceof OutputValue.TensorValue ta && reference instanceof OutputValue.TensorValue tb
                && !ta.tensor().isString() && !tb.tensor().isString()) {
            return compare(ta.tensor(), tb.tensor(), tolerance, metric);
        }
        Comparison c = new ValueComparator(tolerance).compare("value", reference, a);
        return new TensorError(0, c.maxAbsError(), c.maxRelError(), Double.NaN, Double.NaN, Double.NaN,
                c.pass() ? 0 : 1,
                c.pass(), c.pass() ? "" : c.message());
    }

    public static TensorError compare(HostTensor a, HostTensor b, Tolerance tolerance, Metric metric) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            return TensorError.incomparable("shape " + InputDescription.format(a.shape()) + " against "
                    + InputDescription.format(b.shape()));
        }
        long n = a.elementCount();
        boolean keep = metric == Metric.MEDIAN || n <= 1 << 22;
        // The absolute errors (for their median) go into a buffer reused per thread: a new array per tensor made a
        // detector's search allocate gigabytes, which G1 answered by growing the heap (and the process) under load.
        double[] absErrors = keep ? scratch((int) n) : null;
        double[] relErrors = metric == Metric.MEDIAN ? new double[(int) n] : null;
        double maxAbs = 0;
        double maxRel = 0;
        double sumAbs = 0;
        double sumRel = 0;
        double sumReference = 0;
        long failing = 0;
        for (long i = 0; i < n; i++) {
            double x = a.getDouble(i);
            double y = b.getDouble(i);
            if (Double.isFinite(y)) {
                sumReference += Math.abs(y);
            }
            double abs;
            double rel;
            if (x == y || (Double.isNaN(x) && Double.isNaN(y))) {
                abs = 0;
                rel = 0;
            } else {
                abs = Math.abs(x - y);
                if (Double.isNaN(abs) || Double.isInfinite(x) || Double.isInfinite(y)) {
                    abs = Double.POSITIVE_INFINITY;
                }
                rel = y == 0 || Double.isInfinite(abs) ? Double.POSITIVE_INFINITY : abs / Math.abs(y);
            }
            if (!tolerance.acceptsErrors(abs, rel)) {
                failing++;
            }
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
            sumAbs += abs;
            sumRel += rel;
            if (absErrors != null) {
                absErrors[(int) i] = abs;
            }
            if (relErrors != null) {
                relErrors[(int) i] = rel;
            }
        }
        double meanAbs = n == 0 ? 0 : sumAbs / n;
        double meanRel = n == 0 ? 0 : sumRel / n;
        double medianAbs = absErrors == null ? Double.NaN : median(absErrors, (int) n);
        boolean pass = switch (metric) {
            case ELEMENTWISE -> failing == 0;
            case MAX -> tolerance.acceptsErrors(maxAbs, maxRel);
            case MEAN -> tolerance.acceptsErrors(meanAbs, meanRel);
            case MEDIAN -> tolerance.acceptsErrors(medianAbs, median(relErrors));
        };
        return new TensorError(n, maxAbs, maxRel, meanAbs, medianAbs, n == 0 ? 0 : sumReference / n, failing,
                pass, "");
    }

    /** The median (mean of the middle two for an even count); sorts the array. */
    static double median(double[] values) {
        return median(values, values.length);
    }

    /** The median of the first {@code count} values; sorts them. */
    private static double median(double[] values, int count) {
        if (count == 0) {
            return 0;
        }
        Arrays.sort(values, 0, count);
        int mid = count / 2;
        return count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

    /** A buffer of at least {@code n} doubles, this thread's own (at most 4 Mi elements: 32 MB). */
    private static double[] scratch(int n) {
        double[] buffer = SCRATCH.get();
        if (buffer.length < n) {
            buffer = new double[n];
            SCRATCH.set(buffer);
        }
        return buffer;
    }
}
