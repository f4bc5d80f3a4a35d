package dev.onnxworkbench.models.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.serve.ServerOptions;
import dev.onnxworkbench.models.serve.V2RequestBody;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loadtest against this project's own server on 127.0.0.1 (never any other address). */
class LoadTestTest {
    @TempDir
    Path dir;

    @Test
    void levelsAtConcurrencyOneAndEightHaveNoErrorsAndOrderedPercentiles() throws Exception {
        Path model = SampleModels.weightChange(dir);
        try (ModelServer server = ModelServer.start(TestSessions.factory(), model, "weights", ProviderSettings.cpu(),
                ServerOptions.local(0))) {
            LoadTest test = new LoadTest(server.url(), "weights", Map.of());
            assertThat(test.metadata().get("inputs")).hasSize(6);
            Map<String, HostTensor> inputs = new LinkedHashMap<>();
            inputs.put("age", HostTensor.ofFloats(new long[] {1, 1}, 40));
            inputs.put("sex", HostTensor.ofStrings(new long[] {1, 1}, "female"));
            inputs.put("weight_kg", HostTensor.ofFloats(new long[] {1, 1}, 66));
            inputs.put("daily_kcal", HostTensor.ofFloats(new long[] {1, 1}, 2000));
            inputs.put("activity_level", HostTensor.ofStrings(new long[] {1, 1}, "moderate"));
            inputs.put("sleep_quality", HostTensor.ofStrings(new long[] {1, 1}, "fair"));
            String body = V2RequestBody.json(inputs, null, false);
            LoadReport report = test.run(body, List.of(1, 8), 200, null, level -> { });
            assertThat(report.model()).isEqualTo("weights");
            assertThat(report.levels()).hasSize(2);
            for (LoadLevel level : report.levels()) {
                assertThat(level.requests()).isEqualTo(200);
                assertThat(level.errors()).isZero();
                assertThat(level.statusCounts()).containsEntry("200", 200L);
                assertThat(level.p50Ms()).isPositive().isLessThanOrEqualTo(level.p90Ms());
                assertThat(level.p99Ms()).isLessThanOrEqualTo(level.maxMs());
                assertThat(level.reqPerS()).isPositive();
            }
            LoadReport bad = test.run("{\"inputs\": []}", List.of(2), 10, null, level -> { });
            assertThat(bad.levels().getFirst().errors()).isEqualTo(10);
            assertThat(bad.levels().getFirst().statusCounts()).containsEntry("400", 10L);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        long[] ms = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
        assertThat(LoadTest.percentile(ms, 0.5)).isEqualTo(2.0);
        assertThat(LoadTest.percentile(ms, 0.99)).isEqualTo(4.0);
    }
}
