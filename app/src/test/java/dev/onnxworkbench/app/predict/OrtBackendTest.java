package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.inputs.InputTensor;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real models from Debian's ONNX backend test data through the pane's backend. */
class OrtBackendTest {

    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void addsTwoTensorsAndCopiesTheOutputOutOfNativeMemory(@TempDir Path tmp) throws Exception {
        Path model = DATA.resolve("node/test_add/model.onnx");
        Map<String, InputTensor> inputs = new LinkedHashMap<>();
        inputs.put("x", ValueParser.parse("x", "1 ".repeat(60), ElementType.FLOAT, new long[] {3, 4, 5}));
        inputs.put("y", ValueParser.parse("y", "2.5 ".repeat(60), ElementType.FLOAT, new long[] {3, 4, 5}));

        PredictionBackend.RunResult result;
        try (OrtBackend backend = new OrtBackend()) {
            result = backend.run(model, OrtBackend.CPU, inputs);
            // The session stays open: a second run on the same model works the same.
            assertThat(backend.run(model, OrtBackend.CPU, inputs).outputs()).hasSize(1);
        }

        OutputValue.TensorOutput sum = (OutputValue.TensorOutput) result.outputs().getFirst();
        assertThat(sum.name()).isEqualTo("sum");
        assertThat(sum.shape()).containsExactly(3, 4, 5);
        assertThat(sum.get(0)).isEqualTo(3.5);
        assertThat(sum.get(59)).isEqualTo(3.5);
        assertThat(result.latencyMs()).isPositive();

        Path json = tmp.resolve("run.json");
        PredictionExport.write(json, model, inputs, result);
        JsonNode doc = new ObjectMapper().readTree(Files.readString(json));
        assertThat(doc.get("outputs").get(0).get("values").get(7).asDouble()).isEqualTo(3.5);
        assertThat(doc.get("inputs").get(1).get("shape").toString()).isEqualTo("[3,4,5]");
    }

    @Test
    void everyOnnxElementTypeNameMapsOntoOurs() {
        for (ai.onnxruntime.TensorInfo.OnnxTensorType t : ai.onnxruntime.TensorInfo.OnnxTensorType.values()) {
            assertThat(OrtBackend.elementType(t).name()).isEqualTo(t.name().substring(30));
        }
    }

    @Test
    void aWrongShapeIsAMessageNotACrash() throws Exception {
        Path model = DATA.resolve("node/test_add/model.onnx");
        Map<String, InputTensor> inputs = Map.of(
                "x", ValueParser.parse("x", "1", ElementType.FLOAT, new long[] {1}),
                "y", ValueParser.parse("y", "1 2", ElementType.FLOAT, new long[] {2}));
        try (OrtBackend backend = new OrtBackend()) {
            assertThatThrownBy(() -> backend.run(model, OrtBackend.CPU, inputs))
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageStartingWith("ONNX Runtime could not run the model:");
        }
    }
}
