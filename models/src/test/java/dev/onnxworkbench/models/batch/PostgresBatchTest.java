package dev.onnxworkbench.models.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL server (started by {@link TestPostgres}): table → table, query → Parquet, cancel and resume. */
class PostgresBatchTest {
    static final String OUT = SampleModels.WEIGHT_CHANGE_OUTPUT;
    static final int ROWS = 3000;

    @TempDir
    Path dir;

    @Test
    void postgresTableToPostgresTableAndAQueryToParquetGiveTheCsvPredictionsAndResume() throws Exception {
        Path model = SampleModels.weightChange(dir);
        Map<String, String> reference = predict(model, new SourceSpec.File(BatchTestData.csv(dir.resolve("r.csv"),
                ROWS, true)), new SinkSpec.File(dir.resolve("ref.csv")), false, () -> false);
        try (TestPostgres pg = TestPostgres.start()) {
            BatchTestData.table(pg.url(), "people", ROWS, true);
            AtomicInteger polls = new AtomicInteger();
            BatchSummary first = run(model, new SourceSpec.Jdbc(pg.url(), "people", null),
                    new SinkSpec.Jdbc(pg.url(), "predictions"), false, () -> polls.incrementAndGet() > 3);
            assertThat(first.cancelled()).isTrue();
            assertThat(first.expectedRows()).isEqualTo(ROWS);
            BatchSummary rest = run(model, new SourceSpec.Jdbc(pg.url(), "people", null),
                    new SinkSpec.Jdbc(pg.url(), "predictions"), true, () -> false);
            assertThat(rest.resumedFrom()).isEqualTo(first.rows());
            Map<String, String> predicted = new LinkedHashMap<>();
            Map<String, String> reasons = new LinkedHashMap<>();
            try (Connection c = DriverManager.getConnection(pg.url()); Statement st = c.createStatement()) {
                try (ResultSet r = st.executeQuery("SELECT id, \"" + OUT + "\" FROM predictions")) {
                    while (r.next()) {
                        assertThat(predicted.put(r.getString(1), r.getString(2))).as("id twice").isNull();
                    }
                }
                try (ResultSet r = st.executeQuery("SELECT id, reason FROM predictions_errors")) {
                    while (r.next()) {
                        assertThat(reasons.put(r.getString(1), r.getString(2))).as("error twice").isNull();
                    }
                }
                try (ResultSet r = st.executeQuery("SELECT data_type FROM information_schema.columns WHERE "
                        + "table_name = 'predictions' AND column_name = '" + OUT + "'")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("real");
                }
            }
            assertThat(reasons).containsOnlyKeys("3", "7", "11");
            assertThat(reasons.get("11")).contains("other");
            assertThat(predicted).hasSize(ROWS - 3);
            predicted.forEach((id, v) -> assertThat(Float.parseFloat(v)).as("id %s", id)
                    .isEqualTo(Float.parseFloat(reference.get(id))));

            Map<String, String> fromQuery = predict(model, new SourceSpec.Jdbc(pg.url(), null,
                    "SELECT * FROM people WHERE id <= 500"), new SinkSpec.File(dir.resolve("q.parquet")), false,
                    () -> false);
            assertThat(fromQuery).hasSize(500);
            fromQuery.forEach((id, v) -> {
                if (v != null) {
                    assertThat(Float.parseFloat(v)).isEqualTo(Float.parseFloat(reference.get(id)));
                }
            });
        }
    }

    /**
     * The sink's COPY text format: text keys holding a tab, a backslash, a newline, a carriage return, quotes and
     * non-ASCII come back from the table exactly, with the predictions of the same rows from a file.
     */
    @Test
    void textKeysWithCopysSpecialCharactersArriveExactly() throws Exception {
        Path model = SampleModels.weightChange(dir);
        List<String> keys = List.of("tab\there", "back\\slash", "new\nline", "cr\rhere", "\\N", "quote\"'",
                "grüße ✓", "plain");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            String[] r = BatchTestData.row(i + 1, false);
            com.fasterxml.jackson.databind.node.ObjectNode o = json.createObjectNode().put("name", keys.get(i));
            for (int c = 1; c < r.length; c++) {
                o.put(dev.onnxworkbench.models.samples.WeightChangeRows.COLUMNS.get(c), r[c]);
            }
            lines.append(o).append('\n');
        }
        Path rows = java.nio.file.Files.writeString(dir.resolve("rows.jsonl"), lines);
        Map<String, String> reference = new LinkedHashMap<>();
        Path ref = dir.resolve("ref.jsonl");
        run(model, new SourceSpec.File(rows), new SinkSpec.File(ref), false, () -> false);
        for (String line : java.nio.file.Files.readAllLines(ref)) {
            var node = json.readTree(line);
            reference.put(node.get("name").asText(), node.get(OUT).asText());
        }
        try (TestPostgres pg = TestPostgres.start()) {
            BatchSummary s;
            try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
                ColumnMapping mapping = ColumnMapping.resolve(session.inputs(), ColumnMapping.categoriesOf(model),
                        List.of(), Map.of(), Map.of());
                s = new BatchJobRunner(new BatchPredictor(session, mapping, 256)).run(new SourceSpec.File(rows),
                        new SinkSpec.Jdbc(pg.url(), "named"), List.of("name"), false, BatchListener.NONE, () -> false);
            }
            assertThat(s.errors()).isZero();
            Map<String, String> got = new LinkedHashMap<>();
            try (Connection c = DriverManager.getConnection(pg.url()); Statement st = c.createStatement();
                 ResultSet r = st.executeQuery("SELECT name, \"" + OUT + "\" FROM named")) {
                while (r.next()) {
                    got.put(r.getString(1), r.getString(2));
                }
            }
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(keys);
            got.forEach((k, v) -> assertThat(Float.parseFloat(v)).as(k).isEqualTo(Float.parseFloat(reference.get(k))));
        }
    }

    private static BatchSummary run(Path model, SourceSpec in, SinkSpec out, boolean resume,
                                    java.util.function.BooleanSupplier cancelled) throws Exception {
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            ColumnMapping mapping;
            try (RowSource probe = RowSource.open(in, List.of("id"))) {
                mapping = ColumnMapping.resolve(session.inputs(), ColumnMapping.categoriesOf(model), probe.columns(),
                        Map.of(), Map.of());
            }
            return new BatchJobRunner(new BatchPredictor(session, mapping, 256)).run(in, out, List.of("id"), resume,
                    BatchListener.NONE, cancelled);
        }
    }

    private static Map<String, String> predict(Path model, SourceSpec in, SinkSpec.File out, boolean resume,
                                               java.util.function.BooleanSupplier cancelled) throws Exception {
        run(model, in, out, resume, cancelled);
        return BatchTestData.column(RowSource.open(new SourceSpec.File(out.path()), List.of()), "id", OUT);
    }
}
