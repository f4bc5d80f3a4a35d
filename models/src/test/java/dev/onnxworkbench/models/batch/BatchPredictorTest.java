package dev.onnxworkbench.models.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.TinyModels;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPredictorTest {
    private static final String[] SEXES = {"female", "male"};
    private static final String[] ACTIVITY = {"sedentary", "light", "moderate", "active", "very_active"};
    private static final String[] SLEEP = {"poor", "fair", "good"};

    @TempDir
    Path dir;

    @Test
    void batchesOfOneAreBitForBitASingleRun() throws Exception {
        predictAndCheck(1, true);
    }

    @Test
    void everyCsvRowMatchesASingleRunAndBadRowsGetTheirErrorWhileTheRunGoesOn() throws Exception {
        // ORT's batched GEMM sums in another order than its one-row path: equal to float rounding, not bits
        predictAndCheck(4, false);
    }

    private void predictAndCheck(int batch, boolean exact) throws Exception {
        Path model = SampleModels.weightChange(dir);
        StringBuilder csv = new StringBuilder("id,age,sex,weight_kg,daily_kcal,activity_level,sleep_quality\n");
        for (int i = 0; i < 23; i++) {
            String age = i == 5 ? "abc" : Integer.toString(20 + i * 2);
            String kcal = i == 11 ? "" : Integer.toString(1800 + 37 * i);
            csv.append(i).append(',').append(age).append(',').append(SEXES[i % 2]).append(',')
                    .append(55 + i * 1.5).append(',').append(kcal).append(',').append(ACTIVITY[i % 5]).append(',')
                    .append(SLEEP[i % 3]).append('\n');
        }
        Path in = Files.writeString(dir.resolve("rows.csv"), csv);
        Path out = dir.resolve("preds.csv");
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            AtomicInteger reports = new AtomicInteger();
            BatchSummary summary = new BatchPredictor(session, batch).run(in, out, s -> reports.incrementAndGet(),
                    () -> false);
            assertThat(summary.rows()).isEqualTo(23);
            assertThat(summary.errors()).isEqualTo(2);
            assertThat(reports.get()).isGreaterThanOrEqualTo(21 / batch);

            List<String> lines = Files.readAllLines(out);
            assertThat(lines.getFirst()).isEqualTo("id,age,sex,weight_kg,daily_kcal,activity_level,sleep_quality,"
                    + SampleModels.WEIGHT_CHANGE_OUTPUT + ",error");
            assertThat(lines).hasSize(24);
            for (int i = 0; i < 23; i++) {
                String[] cells = lines.get(i + 1).split(",", -1);
                assertThat(cells[0]).isEqualTo(Integer.toString(i));
                if (i == 5) {
                    assertThat(lines.get(i + 1)).endsWith("row 6: age: 'abc' is not a number."); // ValueParser's words
                    assertThat(cells[7]).isEmpty();
                    continue;
                }
                if (i == 11) {
                    assertThat(cells[8]).contains("daily_kcal");
                    continue;
                }
                assertThat(cells[8]).isEmpty();
                Map<String, HostTensor> one = new LinkedHashMap<>();
                one.put("age", HostTensor.ofFloats(new long[] {1, 1}, Float.parseFloat(cells[1])));
                one.put("sex", HostTensor.ofStrings(new long[] {1, 1}, cells[2]));
                one.put("weight_kg", HostTensor.ofFloats(new long[] {1, 1}, Float.parseFloat(cells[3])));
                one.put("daily_kcal", HostTensor.ofFloats(new long[] {1, 1}, Float.parseFloat(cells[4])));
                one.put("activity_level", HostTensor.ofStrings(new long[] {1, 1}, cells[5]));
                one.put("sleep_quality", HostTensor.ofStrings(new long[] {1, 1}, cells[6]));
                float single = (float) ((OutputValue.TensorValue) session.run(one).outputs()
                        .get(SampleModels.WEIGHT_CHANGE_OUTPUT)).tensor().getDouble(0);
                if (exact) {
                    assertThat(Float.parseFloat(cells[7])).as("row %d", i).isEqualTo(single);
                } else {
                    assertThat(Float.parseFloat(cells[7])).as("row %d", i)
                            .isCloseTo(single, org.assertj.core.data.Offset.offset(1e-6f + Math.abs(single) * 1e-5f));
                }
            }
        }
    }

    @Test
    void jsonLinesWithArrayCellsAndZipMapOutputs() throws Exception {
        Path model = TinyModels.zipMapClassifier(dir);
        Path in = Files.writeString(dir.resolve("rows.jsonl"), """
                {"x": [2.0, 0.5], "note": "a"}
                {"x": [0.1, 3]}
                not json
                {"x": [1]}
                """);
        Path out = dir.resolve("preds.jsonl");
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            BatchSummary summary = new BatchPredictor(session, 16).run(in, out, BatchListener.NONE, () -> false);
            assertThat(summary.rows()).isEqualTo(4);
            assertThat(summary.errors()).isEqualTo(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            rows.add(json.readTree(line));
        }
        assertThat(rows.get(0).get("note").asText()).isEqualTo("a");
        assertThat(rows.get(0).get("label").asText()).isEqualTo("cat");
        assertThat(rows.get(0).get("probabilities").get("cat").asDouble()).isGreaterThan(0.5);
        assertThat(rows.get(0).get("error").isNull()).isTrue();
        assertThat(rows.get(1).get("label").asText()).isEqualTo("dog");
        assertThat(rows.get(2).get("error").asText()).contains("row 3").contains("JSON");
        assertThat(rows.get(3).get("error").asText()).contains("2 values");
    }

    @Test
    void aMissingColumnStopsBeforeAnyRowWithTheColumnsNamed() throws Exception {
        Path model = SampleModels.weightChange(dir);
        Path in = Files.writeString(dir.resolve("rows.csv"), "age,sex\n30,male\n");
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            assertThatThrownBy(() -> new BatchPredictor(session, 8).run(in, dir.resolve("o.csv"),
                    BatchListener.NONE, () -> false)).isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("weight_kg").hasMessageContaining("age, sex");
        }
    }

    @Test
    void cancellingStopsBetweenBatches() throws Exception {
        Path model = SampleModels.weightChange(dir);
        StringBuilder csv = new StringBuilder("age,sex,weight_kg,daily_kcal,activity_level,sleep_quality\n");
        for (int i = 0; i < 100; i++) {
            csv.append("40,male,80,2500,light,good\n");
        }
        Path in = Files.writeString(dir.resolve("rows.csv"), csv);
        AtomicInteger batches = new AtomicInteger();
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            BatchSummary summary = new BatchPredictor(session, 10).run(in, dir.resolve("o.csv"),
                    s -> batches.incrementAndGet(), () -> batches.get() >= 3);
            assertThat(summary.cancelled()).isTrue();
            assertThat(summary.rows()).isEqualTo(30);
        }
        assertThat(Files.readAllLines(dir.resolve("o.csv"))).hasSize(31);
    }
}
