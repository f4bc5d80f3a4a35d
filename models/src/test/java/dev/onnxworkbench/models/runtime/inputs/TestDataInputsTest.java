package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestDataInputsTest {

    @Test
    void readsInputsAndExpectedOutputsOfABackendSuiteCase() throws Exception {
        Path dir = Path.of("/usr/share/libonnx-testdata/data/node/test_add");
        Model model = new OnnxReader().read(dir.resolve("model.onnx"));

        TestDataInputs data = TestDataInputs.load(dir.resolve("test_data_set_0"), model.graph());

        assertThat(data.inputs()).containsOnlyKeys("x", "y");
        assertThat(data.inputs().get("x").shape()).containsExactly(3, 4, 5);
        assertThat(data.expected()).containsOnlyKeys("sum");
        OutputValue.TensorValue sum = (OutputValue.TensorValue) data.expected().get("sum");
        assertThat(sum.tensor().getDouble(0))
                .isCloseTo(data.inputs().get("x").getDouble(0) + data.inputs().get("y").getDouble(0),
                        org.assertj.core.api.Assertions.within(1e-6));
        assertThat(data.skipped()).isEmpty();
    }
}
