package dev.onnxworkbench.models.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueComparatorTest {
    private final ValueComparator comparator = new ValueComparator(Tolerance.ONNX_BACKEND);

    private static OutputValue floats(double... v) throws Exception {
        return new OutputValue.TensorValue(HostTensor.ofDoubles(ElementType.FLOAT, new long[] {v.length}, v));
    }

    @Test
    void floatsWithinRtolAndAtolPassAndErrorsAreMeasured() throws Exception {
        Comparison c = comparator.compare("y", floats(100, 0, -2), floats(100.05, 5e-8, -2));
        assertThat(c.pass()).isTrue();
        assertThat(c.maxAbsError()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(c.maxRelError()).isCloseTo(5e-4, org.assertj.core.data.Offset.offset(1e-6));

        Comparison off = comparator.compare("y", floats(100, 0), floats(100.2, 0));
        assertThat(off.pass()).isFalse();
        assertThat(off.message()).contains("element 0 expected 100.0 but got 100.2");
        assertThat(comparator.compare("y", floats(0), floats(2e-7)).pass()).as("atol 1e-7").isFalse();
    }

    @Test
    void nanEqualsNanAndInfinitiesMustMatch() throws Exception {
        assertThat(comparator.compare("y", floats(Double.NaN, Double.POSITIVE_INFINITY),
                floats(Double.NaN, Double.POSITIVE_INFINITY)).pass()).isTrue();
        assertThat(comparator.compare("y", floats(Double.NaN), floats(1)).pass()).isFalse();
        assertThat(comparator.compare("y", floats(Double.NEGATIVE_INFINITY), floats(Double.POSITIVE_INFINITY))
                .pass()).isFalse();
    }

    @Test
    void integersBooleansAndStringsAreExactAndShapesAndTypesMustMatch() throws Exception {
        var big = new OutputValue.TensorValue(HostTensor.ofLongs(new long[] {1}, 9_007_199_254_740_993L));
        var bigger = new OutputValue.TensorValue(HostTensor.ofLongs(new long[] {1}, 9_007_199_254_740_992L));
        assertThat(comparator.compare("i", big, bigger).pass()).as("exact beyond 2^53").isFalse();
        var t = new OutputValue.TensorValue(HostTensor.ofBooleans(new long[] {2}, true, false));
        var f = new OutputValue.TensorValue(HostTensor.ofBooleans(new long[] {2}, true, true));
        assertThat(comparator.compare("b", t, f).pass()).isFalse();
        var s = new OutputValue.TensorValue(HostTensor.ofStrings(new long[] {1}, "cat"));
        assertThat(comparator.compare("s", s, new OutputValue.TensorValue(HostTensor.ofStrings(new long[] {1}, "cat")))
                .pass()).isTrue();
        var shaped = new OutputValue.TensorValue(HostTensor.ofFloats(new long[] {1, 2}, 1, 2));
        assertThat(comparator.compare("y", floats(1, 2), shaped).message()).contains("expected shape 2 but got 1×2");
        var doubles = new OutputValue.TensorValue(HostTensor.ofDoubles(new long[] {2}, 1, 2));
        assertThat(comparator.compare("y", floats(1, 2), doubles).message()).contains("expected float32 but got float64");
    }

    @Test
    void sequencesAndMapsCompareElementWise() throws Exception {
        var expected = new OutputValue.SequenceValue(List.of(new OutputValue.MapValue(Map.of("cat", 0.9f, "dog", 0.1f))));
        var close = new OutputValue.SequenceValue(List.of(new OutputValue.MapValue(Map.of("cat", 0.90001f, "dog", 0.1f))));
        var far = new OutputValue.SequenceValue(List.of(new OutputValue.MapValue(Map.of("cat", 0.5f, "dog", 0.5f))));
        var keys = new OutputValue.SequenceValue(List.of(new OutputValue.MapValue(Map.of("cat", 0.9f, "cow", 0.1f))));
        assertThat(comparator.compare("p", expected, close).pass()).isTrue();
        assertThat(comparator.compare("p", expected, far).message()).containsPattern("p\\[0\\]\\[(cat|dog)\\]: expected 0\\.[19] but got 0\\.5");
        assertThat(comparator.compare("p", expected, keys).message()).contains("expected keys");
        assertThat(comparator.compare("p", expected, new OutputValue.SequenceValue(List.of())).message())
                .contains("expected a sequence of 1 but got 0");
        assertThat(comparator.compareAll(Map.of("missing", floats(1)), Map.of()).getFirst().message())
                .contains("produced no output");
    }
}
