package dev.onnxworkbench.models.diverge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.Tolerance;
import org.junit.jupiter.api.Test;

/** Polygraphy's semantics: an element fails only when it is outside both the absolute and the relative tolerance. */
class ErrorCheckTest {
    private static TensorError check(float[] a, float[] b, double rtol, double atol, Metric metric) throws Exception {
        long[] shape = {a.length};
        return ErrorCheck.compare(HostTensor.ofFloats(shape, a), HostTensor.ofFloats(shape, b),
                new Tolerance(rtol, atol), metric);
    }

    @Test
    void atolOnlyFailsWhenTheAbsoluteErrorIsLarger() throws Exception {
        // rtol 0: every nonzero relative error exceeds it, so atol alone decides.
        assertTrue(check(new float[] {1.0f, 2.0f}, new float[] {1.05f, 2.0f}, 0, 0.1, Metric.ELEMENTWISE).pass());
        TensorError e = check(new float[] {1.0f, 2.0f}, new float[] {1.2f, 2.0f}, 0, 0.1, Metric.ELEMENTWISE);
        assertFalse(e.pass());
        assertEquals(1, e.failing());
        assertEquals(0.2, e.maxAbsError(), 1e-6);
    }

    @Test
    void rtolOnlyFailsWhenTheRelativeErrorIsLarger() throws Exception {
        // atol 0: a big absolute error on a big value passes under a loose rtol, a small one on a small value fails.
        assertTrue(check(new float[] {1010f}, new float[] {1000f}, 0.02, 0, Metric.ELEMENTWISE).pass());
        TensorError e = check(new float[] {0.011f}, new float[] {0.01f}, 0.02, 0, Metric.ELEMENTWISE);
        assertFalse(e.pass());
        assertEquals(0.1, e.maxRelError(), 1e-4);
    }

    @Test
    void anElementWithinEitherToleranceDoesNotFail() throws Exception {
        // abs 0.5 > atol 0.1 but rel 0.005 <= rtol 0.01: not a failure (numpy's allclose would differ here).
        assertTrue(check(new float[] {100.5f}, new float[] {100f}, 0.01, 0.1, Metric.ELEMENTWISE).pass());
        // rel 1.0 > rtol but abs 1e-6 <= atol: not a failure.
        assertTrue(check(new float[] {2e-6f}, new float[] {1e-6f}, 0.01, 1e-5, Metric.ELEMENTWISE).pass());
    }

    @Test
    void nanAgainstNanIsEqualAndNanAgainstANumberFails() throws Exception {
        TensorError same = check(new float[] {Float.NaN, 1f}, new float[] {Float.NaN, 1f}, 0, 0, Metric.ELEMENTWISE);
        assertTrue(same.pass());
        assertEquals(0, same.maxAbsError());
        TensorError differ = check(new float[] {Float.NaN, 1f}, new float[] {0.5f, 1f}, 1e9, 1e9, Metric.ELEMENTWISE);
        assertFalse(differ.pass(), "NaN against a number fails whatever the tolerances");
        assertEquals(Double.POSITIVE_INFINITY, differ.maxAbsError());
        assertFalse(check(new float[] {1f}, new float[] {Float.NaN}, 1e9, 1e9, Metric.ELEMENTWISE).pass());
    }

    @Test
    void infinitiesMatchOnlyThemselves() throws Exception {
        float inf = Float.POSITIVE_INFINITY;
        assertTrue(check(new float[] {inf, -inf}, new float[] {inf, -inf}, 0, 0, Metric.ELEMENTWISE).pass());
        assertFalse(check(new float[] {inf}, new float[] {-inf}, 1e9, 1e9, Metric.ELEMENTWISE).pass());
    }

    @Test
    void statisticMetricsCompareTheStatisticWithBothTolerances() throws Exception {
        // One outlier of 1.0 among ten elements, the rest exact: max fails, mean (0.1) passes atol 0.2, median is 0.
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11};
        float[] b = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertFalse(check(a, b, 0, 0.2, Metric.ELEMENTWISE).pass());
        assertFalse(check(a, b, 0, 0.2, Metric.MAX).pass());
        TensorError mean = check(a, b, 0, 0.2, Metric.MEAN);
        assertTrue(mean.pass());
        assertEquals(0.1, mean.meanAbsError(), 1e-9);
        TensorError median = check(a, b, 0, 0, Metric.MEDIAN);
        assertTrue(median.pass());
        assertEquals(0, median.medianAbsError());
        assertFalse(check(a, b, 0, 0.05, Metric.MEAN).pass());
    }

    @Test
    void differentShapesAreNotComparable() throws Exception {
        TensorError e = ErrorCheck.compare(HostTensor.ofFloats(new long[] {2}, 1, 2),
                HostTensor.ofFloats(new long[] {1, 2}, 1, 2), new Tolerance(0, 0), Metric.ELEMENTWISE);
        assertFalse(e.pass());
        assertEquals("shape [2] against [1,2]", e.message());
    }
}
