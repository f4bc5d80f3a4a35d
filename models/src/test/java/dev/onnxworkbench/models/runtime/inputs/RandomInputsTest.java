package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomInputsTest {

    @Test
    void categoricalInputsDrawFromTheirCategoriesAndSeedsRepeat() throws Exception {
        InputSpec sex = new InputSpec("sex", new ValueType.TensorType(ElementType.STRING, Shape.of(8)),
                ElementType.STRING, new Shape(List.of(Dimension.of(8))), EditorKind.CATEGORICAL,
                List.of("female", "male"), List.of(), null, null, "");

        HostTensor a = RandomInputs.fill(sex, new long[] {8}, 7);
        HostTensor b = RandomInputs.fill(sex, new long[] {8}, 7);

        assertThat(a.strings()).containsOnly("female", "male").hasSize(8);
        assertThat(a.strings()).containsExactly(b.strings());
    }

    @Test
    void numbersComeFromTheRuntimesGenerator() throws Exception {
        InputSpec x = new InputSpec("x", new ValueType.TensorType(ElementType.FLOAT, Shape.of(2, 3)),
                ElementType.FLOAT, Shape.of(2, 3), EditorKind.NUMERIC_GRID, List.of(), List.of(), null, null, "");

        HostTensor t = RandomInputs.fill(x, new long[] {2, 3}, 1);

        assertThat(t.shape()).containsExactly(2, 3);
        for (int i = 0; i < 6; i++) {
            assertThat(t.getDouble(i)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void randomFillIsReproducibleAndInRangePerElementType() throws Exception {
        HostTensor a = RandomInputs.generate("x", ElementType.FLOAT, new long[] {2, 50}, 42);
        HostTensor b = RandomInputs.generate("x", ElementType.FLOAT, new long[] {2, 50}, 42);
        HostTensor c = RandomInputs.generate("x", ElementType.FLOAT, new long[] {2, 50}, 43);
        assertThat(a.data()).isEqualTo(b.data());
        assertThat(a.data()).isNotEqualTo(c.data());
        for (int i = 0; i < 100; i++) {
            assertThat(a.getDouble(i)).isBetween(0.0, 1.0);
        }
        HostTensor f16 = RandomInputs.generate("x", ElementType.FLOAT16, new long[] {10}, 1);
        assertThat(f16.getDouble(3)).isBetween(0.0, 1.0);
        HostTensor ids = RandomInputs.generate("ids", ElementType.INT64, new long[] {100}, 1);
        for (int i = 0; i < 100; i++) {
            assertThat(ids.getLong(i)).isBetween(0L, (long) RandomInputs.INTEGER_BOUND - 1);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> RandomInputs.generate("x", ElementType.FLOAT, new long[] {Long.MAX_VALUE, 2}, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("x:");
    }
}
