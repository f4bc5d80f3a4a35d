package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    private static final Path ADD = Path.of("/usr/share/libonnx-testdata/data/node/test_add/test_data_set_0");

    @Test
    void readsABackendSuiteTensorProto() throws Exception {
        HostTensor x = InputFiles.read(ADD.resolve("input_0.pb"), spec("x", ElementType.FLOAT, Shape.of(3, 4, 5)));

        assertThat(x.shape()).containsExactly(3, 4, 5);
        assertThat(x.elementType()).isEqualTo(ElementType.FLOAT);
    }

    @Test
    void symbolicDimensionsTakeTheFilesSize(@TempDir Path tmp) throws Exception {
        Path json = Files.writeString(tmp.resolve("rows.json"), "[[1, 2], [3, 4], [5, 6]]");
        Shape nBy2 = new Shape(List.of(Dimension.of("N"), Dimension.of(2)));

        HostTensor rows = InputFiles.read(json, spec("rows", ElementType.FLOAT, nBy2));

        assertThat(rows.shape()).containsExactly(3, 2);
        assertThat(rows.getDouble(5)).isEqualTo(6.0);
    }

    @Test
    void aTypeMismatchIsRefusedWithBothTypes() {
        assertThatThrownBy(() -> InputFiles.read(ADD.resolve("input_0.pb"), spec("x", ElementType.INT64, Shape.of(3, 4, 5))))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage("input_0.pb holds float32 values, but the input 'x' takes int64.");
    }

    private static InputSpec spec(String name, ElementType type, Shape shape) {
        return new InputSpec(name, new ValueType.TensorType(type, shape), type, shape, EditorKind.TENSOR_FILE,
                List.of(), List.of(), null, null, "");
    }
}
