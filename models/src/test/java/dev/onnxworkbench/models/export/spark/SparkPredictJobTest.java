package dev.onnxworkbench.models.export.spark;

import static dev.onnxworkbench.models.export.spark.SparkTesting.csv;
import static dev.onnxworkbench.models.export.spark.SparkTesting.jsonl;
import static dev.onnxworkbench.models.export.spark.SparkTesting.predictBatch;
import static dev.onnxworkbench.models.export.spark.SparkTesting.spark;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.batch.BatchJobRunner;
import dev.onnxworkbench.models.batch.BatchListener;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.BatchTestData;
import dev.onnxworkbench.models.batch.ColumnMapping;
import dev.onnxworkbench.models.batch.MediaColumns;
import dev.onnxworkbench.models.batch.PictureColumnData;
import dev.onnxworkbench.models.batch.RowSource;
import dev.onnxworkbench.models.batch.SinkSpec;
import dev.onnxworkbench.models.batch.SourceSpec;
import dev.onnxworkbench.models.batch.TestPostgres;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import dev.onnxworkbench.models.batch.BatchSummary;
import dev.onnxworkbench.models.runtime.TinyModels;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported job's code in a real local[2] Spark session, on the rows predict-batch gets: every
 * prediction and every error reason equal, row by row, across partitions and batch boundaries.
 */
class SparkPredictJobTest {
    private static final String[] SEXES = {"female", "male"};
    private static final String[] ACTIVITY = {"sedentary", "light", "moderate", "active", "very_active"};
    private static final String[] SLEEP = {"poor", "fair", "good"};

    @TempDir
    Path dir;

    /** The bundled tabular sample's rows (string categories and numbers), with a few bad ones. */
    static String weightChangeCsv(int rows) {
        StringBuilder csv = new StringBuilder("id,age,sex,weight_kg,daily_kcal,activity_level,sleep_quality\n");
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < rows; i++) {
            if (i == 40) {
                csv.append('\n'); // a blank line: skipped, not a row
            }
            String age = i == 5 ? "abc" : String.format(Locale.ROOT, "%.1f", 18 + random.nextDouble() * 60);
            String kcal = i == 11 ? "" : Integer.toString(1400 + random.nextInt(2200));
            String sex = i == 17 ? "unknown" : SEXES[random.nextInt(2)];
            String weight = i == 23 ? "1e999" : String.format(Locale.ROOT, "%.2f", 45 + random.nextDouble() * 70);
            csv.append(i).append(',').append(age).append(',').append(sex).append(',').append(weight).append(',')
                    .append(kcal).append(',').append(ACTIVITY[random.nextInt(5)]);
            if (i == 29) {
                csv.append('\n'); // a short row: no sleep_quality
                continue;
            }
            csv.append(',').append(SLEEP[random.nextInt(3)]);
            if (i == 31) {
                csv.append(",extra"); // one cell too many
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    @Test
    void tabularSampleFromCsvEqualsPredictBatchRowByRowWithTheSameErrors() throws Exception {
        Path model = SampleModels.weightChange(dir);
        Path in = Files.writeString(dir.resolve("rows.csv"), weightChangeCsv(3000));
        Path expected = dir.resolve("predict-batch.csv");
        BatchSummary batch = predictBatch(model, in, expected, 256);

        Path out = dir.resolve("spark-preds.csv");
        SparkJobSpec job = SparkJobSpec.parse("""
                {"source": {"path": "%s"}, "sink": {"path": "%s"}, "batch": 100}
                """.formatted(in, out), "job.json");
        SparkPredictJob.Result result = SparkPredictJob.run(spark(), job, model);

        assertThat(result.rows()).isEqualTo(batch.rows()).isEqualTo(3000);
        assertThat(result.errors()).isEqualTo(batch.errors());
        List<List<String>> want = csv(expected);
        List<List<String>> got = csv(out);
        assertThat(got.getFirst()).isEqualTo(want.getFirst());
        assertThat(got).hasSameSizeAs(want);
        for (int i = 1; i < want.size(); i++) {
            assertThat(got.get(i)).as("row %d", i).isEqualTo(want.get(i));
        }
        // The bad rows are there, with predict-batch's reasons (compared above), and the rest predicted.
        int error = want.getFirst().indexOf("error");
        assertThat(want.stream().skip(1).filter(r -> !r.get(error).isEmpty()).count()).isEqualTo(batch.errors())
                .isGreaterThanOrEqualTo(4);
        assertThat(want.get(6).get(error)).startsWith("row 6: ").contains("age").contains("abc");
        assertThat(want.get(30).get(error)).startsWith("row 30: ").contains("sleep_quality");
        assertThat(want.get(32).get(error)).startsWith("row 32: ").contains("8 cells");
    }

    /** Rows for the generated tensor model: x holds 4 floats; a few lines are wrong in each way. */
    static String denseJsonl(int rows) {
        StringBuilder out = new StringBuilder();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < rows; i++) {
            switch (i) {
                case 7 -> out.append("{\"id\": 7, \"x\": [1, 2, 3]}\n");
                case 13 -> out.append("{\"id\": 13, \"x\": \"abc\"}\n");
                case 19 -> out.append("{\"id\": 19, \"x\": [1, 2,\n");
                case 23 -> out.append("[1, 2, 3, 4]\n");
                case 27 -> out.append("{\"id\": 27}\n\n");
                default -> {
                    out.append("{\"id\": ").append(i).append(", \"x\": [");
                    for (int k = 0; k < 4; k++) {
                        out.append(k == 0 ? "" : ", ").append((float) (random.nextDouble() * 8 - 4));
                    }
                    out.append("]}\n");
                }
            }
        }
        return out.toString();
    }

    @Test
    void tensorModelFromJsonLinesAndParquetEqualsPredictBatch() throws Exception {
        Path model = TinyModels.denseAnyRows(dir, 4);
        Path in = Files.writeString(dir.resolve("rows.jsonl"), denseJsonl(2000));
        Path expected = dir.resolve("predict-batch.jsonl");
        BatchSummary batch = predictBatch(model, in, expected, 128);
        assertThat(batch.errors()).isEqualTo(5);

        Path out = dir.resolve("spark-preds.jsonl");
        SparkPredictJob.Result result = SparkPredictJob.run(spark(), SparkJobSpec.parse("""
                {"source": {"path": "%s"}, "sink": {"path": "%s"}, "batch": 50}
                """.formatted(in, out), "job.json"), model);
        assertThat(result.rows()).isEqualTo(2000);
        assertThat(result.errors()).isEqualTo(5);
        List<JsonNode> want = jsonl(expected);
        List<JsonNode> got = jsonl(out);
        assertThat(got).hasSameSizeAs(want);
        Map<Long, JsonNode> predicted = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            for (String column : List.of("y_0", "y_1", "y_2", "y_3", "error")) {
                assertThat(got.get(i).get(column)).as("row %d %s", i + 1, column).isEqualTo(want.get(i).get(column));
            }
            if (want.get(i).get("error").isNull()) {
                predicted.put(want.get(i).get("id").asLong(), want.get(i));
            }
        }
        assertThat(want.get(19).get("error").asText()).startsWith("row 20: not JSON");
        assertThat(want.get(7).get("error").asText()).startsWith("row 8: ").contains("'x'");

        // The same good rows as a Parquet table (x: array<float>) through Spark's Parquet reader and writer.
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("x", DataTypes.createArrayType(DataTypes.FloatType), false)));
        Dataset<Row> good = spark().read().schema(schema).json(in.toString()).where("id IS NOT NULL AND "
                + "size(x) = 4");
        Path parquetIn = dir.resolve("rows.parquet");
        good.repartition(2).write().parquet(parquetIn.toString());
        Path parquetOut = dir.resolve("spark-preds.parquet");
        SparkPredictJob.Result parquet = SparkPredictJob.run(spark(), SparkJobSpec.parse("""
                {"source": {"path": "%s"}, "sink": {"path": "%s"}}
                """.formatted(parquetIn, parquetOut), "job.json"), model);
        assertThat(parquet.errors()).isZero();
        List<Row> rows = spark().read().parquet(parquetOut.toString()).collectAsList();
        assertThat(rows).hasSize(predicted.size());
        for (Row r : rows) {
            JsonNode w = predicted.get(r.getLong(r.fieldIndex("id")));
            for (int k = 0; k < 4; k++) {
                assertThat(r.getFloat(r.fieldIndex("y_" + k))).as("id %d y_%d", r.getLong(0), k)
                        .isEqualTo(w.get("y_" + k).floatValue());
            }
            assertThat(r.isNullAt(r.fieldIndex("error"))).isTrue();
        }
    }

    /**
     * A SQLite file through Spark's JDBC reader and writer: the same predictions as predict-batch's table, the
     * failed rows in TABLE_errors with predict-batch's reasons and row numbers, and no error column in TABLE.
     * The table's 'forty' in a REAL column fails its row in both (read as text), never the driver's 0.
     */
    @Test
    void sqliteTableThroughSparksJdbcReaderAndWriterEqualsPredictBatchsTables() throws Exception {
        String in = "jdbc:sqlite:" + dir.resolve("people.db");
        BatchTestData.table(in, "people", 3000, true);
        tableThroughSpark(in, "jdbc:sqlite:" + dir.resolve("predict-batch.db"), "jdbc:sqlite:" + dir.resolve("spark.db"),
                "SELECT name, type FROM pragma_table_info('preds')", 3000);
    }

    /** The same on a real PostgreSQL server (source and both sinks), with Spark's PostgreSQL dialect. */
    @Test
    void postgresTableThroughSparksJdbcReaderAndWriterEqualsPredictBatchsTables() throws Exception {
        try (TestPostgres pg = TestPostgres.start()) {
            BatchTestData.table(pg.url(), "people", 1000, true);
            try (Connection c = DriverManager.getConnection(pg.url()); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA reference");
            }
            // predict-batch writes reference.preds, Spark public.preds: the same table names, as the errors' are.
            tableThroughSpark(pg.url(), pg.url() + "&currentSchema=reference", pg.url() + "&currentSchema=public",
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'preds' "
                            + "AND table_schema = current_schema()", 1000);
        }
    }

    /**
     * {@code people} of {@code in} through predict-batch into {@code reference} and through Spark's JDBC reader
     * and writer into {@code out}: the same predictions, the failed rows in preds_errors with predict-batch's
     * reasons and row numbers, the same columns (no error column). The table's dirty values fail their rows in
     * both (read as text), never becoming the driver's 0.
     */
    private void tableThroughSpark(String in, String reference, String out, String columnsSql, int rows)
            throws Exception {
        Path model = SampleModels.weightChange(dir);
        try (ModelSession session = TestSessions.factory().open(model, ExecutorSessions.settings(1))) {
            SourceSpec source = new SourceSpec.Jdbc(in, "people", null);
            ColumnMapping mapping;
            try (RowSource probe = RowSource.open(source, List.of("id"))) {
                mapping = ColumnMapping.resolve(session.inputs(), ColumnMapping.categoriesOf(model), probe.columns(),
                        Map.of(), Map.of());
            }
            new BatchJobRunner(new BatchPredictor(session, mapping, 256)).run(source,
                    new SinkSpec.Jdbc(reference, "preds"), List.of("id"), false, BatchListener.NONE, () -> false);
        }

        SparkPredictJob.Result result = SparkPredictJob.run(spark(), SparkJobSpec.parse("""
                {"source": {"format": "jdbc", "url": "%s", "table": "people"},
                 "sink": {"format": "jdbc", "url": "%s", "table": "preds"}, "key": ["id"], "batch": 100}
                """.formatted(in, out), "job.json"), model);
        assertThat(result.rows()).isEqualTo(rows);
        assertThat(result.errors()).isEqualTo(3);

        String output = SampleModels.WEIGHT_CHANGE_OUTPUT;
        Map<String, String> want = table(reference, "SELECT id, \"" + output + "\" FROM preds");
        Map<String, String> got = table(out, "SELECT id, \"" + output + "\" FROM preds");
        assertThat(want).hasSize(rows - 3);
        assertThat(got).isEqualTo(want);
        String errors = "SELECT id, CAST(source_row AS TEXT) || ' ' || reason FROM preds_errors";
        Map<String, String> wantErrors = table(reference, errors);
        assertThat(wantErrors).containsOnlyKeys("3", "7", "11");
        assertThat(table(out, errors)).isEqualTo(wantErrors);
        assertThat(wantErrors.get("3")).startsWith("3 ").contains("forty");
        assertThat(table(out, columnsSql)).isEqualTo(table(reference, columnsSql)).containsOnlyKeys("id", output);
    }

    /** Key → value of a two-column query, each key once. */
    private static Map<String, String> table(String url, String sql) throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                assertThat(rows.put(r.getString(1), r.getString(2))).as("%s twice", r.getString(1)).isNull();
            }
        }
        return rows;
    }

    /**
     * A column of picture paths (relative to the CSV's folder) with the job's media settings: Spark's values
     * are predict-batch's with the same settings, value for value, and the settings took effect (ImageNet
     * scaling gives negative values, the default 0–1 scaling none; a 9×7 picture became 4×4).
     */
    @Test
    void aPictureColumnTakesTheJobsMediaSettingsAsPredictBatchDoes() throws Exception {
        Path model = PictureColumnData.identityModel(dir);
        PictureColumnData.picture(dir.resolve("pics/a.png"), 4, 4, 1);
        PictureColumnData.picture(dir.resolve("pics/b.png"), 9, 7, 2);
        Path in = Files.writeString(dir.resolve("rows.csv"), "id,x\n1,pics/a.png\n2,pics/missing.png\n3,pics/b.png\n");
        String media = "{\"x\": {\"kind\": \"image\", \"imageSize\": \"4x4\", \"scaling\": \"imagenet\", "
                + "\"channels\": \"bgr\"}}";

        Path expected = dir.resolve("predict-batch.csv");
        try (ModelSession session = TestSessions.factory().open(model, ExecutorSessions.settings(1))) {
            Map<String, JsonNode> settings = new LinkedHashMap<>();
            new ObjectMapper().readTree(media).properties().forEach(e -> settings.put(e.getKey(), e.getValue()));
            BatchPredictor predictor = new BatchPredictor(session, 2);
            predictor.media(MediaColumns.of(settings, InputSpecs.of(session), null, "job"));
            predictor.run(in, expected, BatchListener.NONE, () -> false);
        }
        Path out = dir.resolve("spark-preds.csv");
        SparkPredictJob.Result result = SparkPredictJob.run(spark(), SparkJobSpec.parse("""
                {"source": {"path": "%s"}, "sink": {"path": "%s"}, "batch": 2, "media": %s}
                """.formatted(in, out, media), "job.json"), model);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.errors()).isEqualTo(1);

        List<List<String>> want = csv(expected);
        List<List<String>> got = csv(out);
        assertThat(got).isEqualTo(want);
        int y0 = want.getFirst().indexOf("y_0");
        int error = want.getFirst().indexOf("error");
        assertThat(want.get(2).get(error)).contains("no file").contains("missing.png");
        for (int row : new int[] {1, 3}) {
            assertThat(want.get(row).get(error)).isEmpty();
            assertThat(want.get(row).subList(y0, y0 + 48).stream().mapToDouble(Double::parseDouble).min()
                    .orElseThrow()).as("row %d scaled with ImageNet's mean and std", row).isNegative();
        }
    }
}
