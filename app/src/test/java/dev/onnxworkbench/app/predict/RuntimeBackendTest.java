package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real model from Debian's ONNX backend test data through the pane's backend and exports the run. */
class RuntimeBackendTest {

    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void addsTwoTensorsAndExportsInputsAndOutputs(@TempDir Path tmp) throws Exception {
        Path model = DATA.resolve("node/test_add/model.onnx");
        Map<String, HostTensor> inputs = new LinkedHashMap<>();
        inputs.put("x", ValueParser.parse("x", "1 ".repeat(60), ElementType.FLOAT, new long[] {3, 4, 5}));
        inputs.put("y", ValueParser.parse("y", "2.5 ".repeat(60), ElementType.FLOAT, new long[] {3, 4, 5}));

        PredictionBackend.RunResult result;
        try (RuntimeBackend backend = PaneTesting.backend()) {
            assertThat(backend.providers()).startsWith("CPU");
            result = backend.run(model, "CPU", inputs);
            // The session stays open: a second run on the same model works the same.
            PredictionBackend.RunResult again = backend.run(model, "CPU", inputs);
            assertThat(again.outputs()).hasSize(1);
            // A fast model's time is a median of repeated runs; only a fresh session reports its first run apart.
            assertThat(result.runs()).isGreaterThan(1);
            assertThat(result.firstRunMs()).isPositive();
            assertThat(result.describe()).contains("median of").contains("first run took");
            assertThat(again.firstRunMs()).isNaN();
            assertThat(again.describe()).doesNotContain("first run");
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
        assertThat(doc.get("provider").asText()).isEqualTo("CPU");
    }

    @Test
    void aWrongShapeIsAMessageNotACrash() throws Exception {
        Path model = DATA.resolve("node/test_add/model.onnx");
        Map<String, HostTensor> inputs = Map.of(
                "x", ValueParser.parse("x", "1", ElementType.FLOAT, new long[] {1}),
                "y", ValueParser.parse("y", "1 2", ElementType.FLOAT, new long[] {2}));
        try (RuntimeBackend backend = PaneTesting.backend()) {
            assertThatThrownBy(() -> backend.run(model, "CPU", inputs))
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("'x'");
        }
    }
}
