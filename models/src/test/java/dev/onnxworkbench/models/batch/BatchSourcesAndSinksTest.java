package dev.onnxworkbench.models.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source and sink round-trips the same rows to the same predictions as CSV → CSV; failed rows carry
 * their reason; a cancelled job resumes with every row exactly once. Real SQLite files, real Parquet files.
 */
class BatchSourcesAndSinksTest {
    static final String OUT = SampleModels.WEIGHT_CHANGE_OUTPUT;
    static final int ROWS = 3000;
    static final int BATCH = 256;

    @TempDir
    Path dir;
    Path model;
    Map<String, String> reference; // id → prediction from CSV → CSV

    @BeforeEach
    void referenceRun() throws Exception {
        model = SampleModels.weightChange(dir);
        Path csv = BatchTestData.csv(dir.resolve("rows.csv"), ROWS, true);
        Path out = dir.resolve("reference.csv");
        BatchSummary s = run(new SourceSpec.File(csv), new SinkSpec.File(out), List.of(), false, () -> false);
        assertThat(s.rows()).isEqualTo(ROWS);
        assertThat(s.errors()).isEqualTo(3);
        reference = BatchTestData.column(RowSource.open(new SourceSpec.File(out), List.of()), "id", OUT);
        assertThat(reference).hasSize(ROWS);
    }

    private BatchSummary run(SourceSpec in, SinkSpec out, List<String> key, boolean resume,
                             java.util.function.BooleanSupplier cancelled) throws Exception {
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            ColumnMapping mapping;
            try (RowSource probe = RowSource.open(in, key)) {
                mapping = ColumnMapping.resolve(session.inputs(), ColumnMapping.categoriesOf(model), probe.columns(),
                        Map.of(), Map.of());
            }
            return new BatchJobRunner(new BatchPredictor(session, mapping, BATCH)).run(in, out, key, resume,
                    BatchListener.NONE, cancelled);
        }
    }

    @Test
    void sqliteTableToSqliteTableGivesTheCsvPredictionsAndAnErrorTableWithReasons() throws Exception {
        String in = "jdbc:sqlite:" + dir.resolve("people.db");
        BatchTestData.table(in, "people", ROWS, true);
        String out = "jdbc:sqlite:" + dir.resolve("out.db");
        BatchSummary s = run(new SourceSpec.Jdbc(in, "people", null), new SinkSpec.Jdbc(out, "predictions"),
                List.of("id"), false, () -> false);
        assertThat(s.rows()).isEqualTo(ROWS);
        assertThat(s.errors()).isEqualTo(3);
        assertThat(s.expectedRows()).isEqualTo(ROWS);
        assertSamePredictions(tableColumn(out, "predictions", OUT));
        Map<String, String> reasons = tableColumn(out, "predictions_errors", "reason");
        assertThat(reasons).containsOnlyKeys(List.of("3", "7", "11"));
        assertThat(reasons.get("3")).contains("age").contains("forty");
        assertThat(reasons.get("7")).contains("daily_kcal");
        assertThat(reasons.get("11")).contains("other").contains("category");
        try (Connection c = DriverManager.getConnection(out); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT type FROM pragma_table_info('predictions') WHERE name = '"
                     + OUT + "'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("REAL"); // the model's float output
        }
    }

    @Test
    void aQueryAsTheSourceAndTheTableRefusedWithoutResume() throws Exception {
        String in = "jdbc:sqlite:" + dir.resolve("people.db");
        BatchTestData.table(in, "people", ROWS, true);
        String out = "jdbc:sqlite:" + dir.resolve("out.db");
        BatchSummary s = run(new SourceSpec.Jdbc(in, null, "SELECT * FROM people WHERE sex = 'male'"),
                new SinkSpec.Jdbc(out, "males"), List.of("id"), false, () -> false);
        Map<String, String> males = tableColumn(out, "males", OUT);
        assertThat(males).isNotEmpty().hasSize((int) (s.rows() - s.errors()));
        males.forEach((id, v) -> assertThat(Float.parseFloat(v)).isEqualTo(Float.parseFloat(reference.get(id))));
        assertThatThrownBy(() -> run(new SourceSpec.Jdbc(in, "people", null), new SinkSpec.Jdbc(out, "males"),
                List.of("id"), false, () -> false)).isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("males").hasMessageContaining("--resume");
    }

    @Test
    void parquetToParquetKeepsTypesAndGivesTheCsvPredictions() throws Exception {
        Path in = BatchTestData.parquet(dir.resolve("people.parquet"), ROWS, true);
        Path out = dir.resolve("predictions.parquet");
        BatchSummary s = run(new SourceSpec.File(in), new SinkSpec.File(out), List.of(), false, () -> false);
        assertThat(s.rows()).isEqualTo(ROWS);
        assertThat(s.errors()).isEqualTo(3);
        assertThat(Files.exists(dir.resolve("predictions.parquet.parts"))).isFalse();
        try (RowSource read = RowSource.open(new SourceSpec.File(out), List.of())) {
            assertThat(read.columns()).containsExactly("id", "age", "sex", "weight_kg", "daily_kcal",
                    "activity_level", "sleep_quality", OUT, "error");
            assertThat(read.columnTypes()).containsExactly(ColumnType.BIGINT, ColumnType.TEXT, ColumnType.TEXT,
                    ColumnType.REAL, ColumnType.REAL, ColumnType.TEXT, ColumnType.TEXT, ColumnType.REAL,
                    ColumnType.TEXT);
        }
        Map<String, String> predicted = BatchTestData.column(RowSource.open(new SourceSpec.File(out), List.of()),
                "id", OUT);
        predicted.values().removeIf(java.util.Objects::isNull);
        assertSamePredictions(predicted);
        Map<String, String> errors = BatchTestData.column(RowSource.open(new SourceSpec.File(out), List.of()),
                "id", "error");
        assertThat(errors.get("7")).contains("daily_kcal");
        assertThat(errors.get("1")).isNull();
    }

    @Test
    void csvToSqliteAndParquetToJsonLines() throws Exception {
        String out = "jdbc:sqlite:" + dir.resolve("out.db");
        run(new SourceSpec.File(dir.resolve("rows.csv")), new SinkSpec.Jdbc(out, "p"), List.of("id"), false,
                () -> false);
        assertSamePredictions(tableColumn(out, "p", OUT));
        Path in = BatchTestData.parquet(dir.resolve("people.parquet"), ROWS, true);
        Path jsonl = dir.resolve("p.jsonl");
        run(new SourceSpec.File(in), new SinkSpec.File(jsonl), List.of(), false, () -> false);
        Map<String, String> predicted = BatchTestData.column(RowSource.open(new SourceSpec.File(jsonl), List.of()),
                "id", OUT);
        predicted.values().removeIf(java.util.Objects::isNull);
        assertSamePredictions(predicted);
    }

    @Test
    void cancelledJobsResumeWithEveryRowExactlyOnceInEverySink() throws Exception {
        String in = "jdbc:sqlite:" + dir.resolve("people.db");
        BatchTestData.table(in, "people", ROWS, true);
        for (SinkSpec sink : List.of(new SinkSpec.Jdbc("jdbc:sqlite:" + dir.resolve("resumed.db"), "p"),
                new SinkSpec.File(dir.resolve("resumed.csv")), new SinkSpec.File(dir.resolve("resumed.jsonl")),
                new SinkSpec.File(dir.resolve("resumed.parquet")))) {
            AtomicInteger polls = new AtomicInteger();
            BatchSummary first = run(new SourceSpec.Jdbc(in, "people", null), sink, List.of("id"), false,
                    () -> polls.incrementAndGet() > 5);
            assertThat(first.cancelled()).as(sink.describe()).isTrue();
            assertThat(first.rows()).isEqualTo(5L * BATCH);
            BatchSummary rest = run(new SourceSpec.Jdbc(in, "people", null), sink, List.of("id"), true, () -> false);
            assertThat(rest.cancelled()).isFalse();
            assertThat(rest.resumedFrom() + rest.rows()).as(sink.describe()).isEqualTo(ROWS);
            Map<String, String> predicted = sink instanceof SinkSpec.Jdbc j ? tableColumn(j.url(), "p", OUT)
                    : BatchTestData.column(RowSource.open(new SourceSpec.File(((SinkSpec.File) sink).path()),
                    List.of()), "id", OUT); // column() fails on a key seen twice
            predicted.values().removeIf(v -> v == null || v.isEmpty());
            assertSamePredictions(predicted);
        }
    }

    @Test
    void theJobJsonRoundTripsAndResolvesRelativePaths() throws Exception {
        BatchJob job = new BatchJob(Path.of("m.onnx"), new SourceSpec.Jdbc("jdbc:sqlite:in.db", null, "SELECT 1"),
                new SinkSpec.Jdbc("jdbc:postgresql://localhost/db?password=secret", "preds"), List.of("id", "day"),
                Map.of("age", "age_years"), Map.of("x", new long[] {1, 3}), 512);
        Path file = dir.resolve("job.json");
        job.write(file);
        BatchJob back = BatchJob.read(file);
        assertThat(back.model()).isEqualTo(dir.resolve("m.onnx"));
        assertThat(back.source()).isEqualTo(job.source());
        assertThat(back.sink()).isEqualTo(job.sink());
        assertThat(back.key()).containsExactly("id", "day");
        assertThat(back.mapping()).containsEntry("age", "age_years");
        assertThat(back.shapes().get("x")).containsExactly(1, 3);
        assertThat(back.batch()).isEqualTo(512);
        assertThat(back.sink().describe()).doesNotContain("secret");
        assertThatThrownBy(() -> BatchJob.parse("{\"model\":\"m.onnx\",\"source\":{\"jdbc\":\"x\"},\"sink\":"
                + "{\"file\":\"o.csv\"}}", dir, "bad.json")).hasMessageContaining("table").hasMessageContaining("query");
    }

    private void assertSamePredictions(Map<String, String> predicted) {
        Map<String, String> expected = new LinkedHashMap<>(reference);
        expected.values().removeIf(v -> v == null || v.isEmpty());
        assertThat(predicted).hasSize(expected.size()).containsOnlyKeys(expected.keySet());
        predicted.forEach((id, v) -> assertThat(Float.parseFloat(v)).as("id %s", id)
                .isEqualTo(Float.parseFloat(expected.get(id))));
    }

    static Map<String, String> tableColumn(String url, String table, String column) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT id, \"" + column + "\" FROM " + table)) {
            while (r.next()) {
                if (out.put(r.getString(1), r.getString(2)) != null) {
                    throw new AssertionError("id " + r.getString(1) + " twice in " + table);
                }
            }
        }
        return out;
    }
}
