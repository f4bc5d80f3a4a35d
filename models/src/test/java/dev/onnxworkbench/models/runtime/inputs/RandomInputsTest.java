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
}
