package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real model from Debian's ONNX backend test data through the pane's backend and exports the run. */
class RuntimeBackendTest {

    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void addsTwoTensorsAndExportsInputsAndOutputs(@TempDir Path tmp) throws Exception {
        Path model = DATA.resolve("node/test_add/model.onnx");
        InputSet set = InputSet.builder(new OnnxReader().read(model))
                .source("x", new InputSource.Typed("1 ".repeat(60)))
                .source("y", new InputSource.Typed("2.5 ".repeat(60))).build();
        Map<String, HostTensor> inputs = set.values();

        PredictionBackend.RunResult result;
        try (RuntimeBackend backend = PaneTesting.backend()) {
            assertThat(backend.providers()).startsWith("CPU");
            result = backend.run(model, "CPU", set);
            // The session stays open: a second run on the same model works the same.
            PredictionBackend.RunResult again = backend.run(model, "CPU", set);
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
    void aWrongCountIsAMessageNotACrash() throws Exception {
        Path model = DATA.resolve("node/test_add/model.onnx");
        InputSet set = InputSet.builder(new OnnxReader().read(model))
                .source("x", new InputSource.Typed("1"))
                .source("y", new InputSource.Typed("1 2")).build();
        try (RuntimeBackend backend = PaneTesting.backend()) {
            assertThatThrownBy(() -> backend.run(model, "CPU", set))
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessage("x: 1 value entered, the shape needs 60.");
        }
    }
}
