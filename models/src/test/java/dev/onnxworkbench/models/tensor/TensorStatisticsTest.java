package dev.onnxworkbench.models.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.TensorData;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorStatisticsTest {

    private static Tensor floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        ByteBuffer raw = b.flip().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        TensorData data = new TensorData() {
            public ByteBuffer readRaw() { return raw.duplicate().order(ByteOrder.LITTLE_ENDIAN); }
            public List<String> readStrings() { return List.of(); }
            public String describeLocation() { return "test"; }
            public boolean isExternal() { return false; }
        };
        return new Tensor("t", ElementType.FLOAT, List.of((long) values.length), data, "");
    }

    @Test
    void countsSpecialValuesAndSummarizesTheFiniteOnes() throws Exception {
        TensorStatistics s = TensorStatistics.compute(
                floats(1, 2, 3, 0, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 4), 3);
        assertThat(s.count()).isEqualTo(8);
        assertThat(s.min()).isEqualTo(0.0);
        assertThat(s.max()).isEqualTo(4.0);
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.std()).isCloseTo(Math.sqrt(2.0), within(1e-12));
        assertThat(s.zeros()).isEqualTo(1);
        assertThat(s.nanCount()).isEqualTo(1);
        assertThat(s.positiveInfinityCount()).isEqualTo(1);
        assertThat(s.negativeInfinityCount()).isEqualTo(1);
        assertThat(s.first()).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void onlyNanMeansNoNumbers() throws Exception {
        TensorStatistics s = TensorStatistics.compute(floats(Float.NaN, Float.NaN));
        assertThat(s.mean()).isNaN();
        assertThat(s.nanCount()).isEqualTo(2);
    }

    @Test
    void summarizesAnInitializerOfARealModelStraightFromTheMapping(@TempDir Path dir) throws Exception {
        Path file = dev.onnxworkbench.models.testing.Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        Tensor fc = new OnnxReader().read(file).graph().initializers().get(2);
        TensorStatistics s = TensorStatistics.compute(fc);
        assertThat(s.count()).isEqualTo(10 * 2048);
        assertThat(s.min()).isGreaterThanOrEqualTo(-1.0);
        assertThat(s.max()).isLessThan(1.0);
        assertThat(s.mean()).isCloseTo(0.0, within(0.05));
        assertThat(s.std()).isCloseTo(1 / Math.sqrt(3), within(0.02)); // uniform on [-1, 1)
        assertThat(s.first()).hasSize(TensorStatistics.DEFAULT_FIRST);
    }
}
