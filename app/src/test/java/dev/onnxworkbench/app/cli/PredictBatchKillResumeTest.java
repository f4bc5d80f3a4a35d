package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.batch.BatchTestData;
import dev.onnxworkbench.models.batch.Row;
import dev.onnxworkbench.models.batch.RowSource;
import dev.onnxworkbench.models.batch.SourceSpec;
import dev.onnxworkbench.models.batch.TestPostgres;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing twice: a JVM running {@code predict-batch} is killed with SIGKILL (no shutdown hooks,
 * no finally blocks) part way, then {@code --resume} finishes the job; every key is there exactly once, the
 * failed rows once in the errors, and every prediction equals a clean run's. For a SQLite table, a PostgreSQL
 * table (a real server, {@link TestPostgres}) and a Parquet file.
 */
class PredictBatchKillResumeTest {
    static final int ROWS = 40_000;
    static final String OUT = SampleModels.WEIGHT_CHANGE_OUTPUT;

    @TempDir
    Path dir;

    @Test
    void aKilledJobIntoASqliteTableResumesWithEveryRowOnce() throws Exception {
        Path model = SampleModels.weightChange(dir);
        String in = "jdbc:sqlite:" + dir.resolve("people.db");
        BatchTestData.table(in, "people", ROWS, true);
        String out = "jdbc:sqlite:" + dir.resolve("out.db");
        List<String> job = List.of("predict-batch", model.toString(), "--from", in, "--table", "people", "--to", out,
                "--to-table", "predictions", "--key", "id", "--batch", "100");

        long atKill = killWhen(job, () -> committedRows(out), ROWS / 10);
        assertThat(atKill).as("killed part way").isBetween(1L, ROWS - 1L);
        assertThat(committedRows(out)).isLessThan(ROWS);

        List<String> resume = new ArrayList<>(job);
        resume.add("--resume");
        CliRun cli = new CliRun();
        assertThat(cli.execute(resume.toArray(String[]::new))).as(cli.err.toString()).isZero();
        assertThat(cli.err.toString()).contains("of an earlier run");

        CliRun clean = new CliRun();
        assertThat(clean.execute("predict-batch", model.toString(), "--from", in, "--table", "people", "--to", out,
                "--to-table", "clean", "--key", "id", "--batch", "100")).as(clean.err.toString()).isZero();

        Map<Long, Float> resumed = column(out, "SELECT id, \"" + OUT + "\" FROM predictions");
        Map<Long, Float> reference = column(out, "SELECT id, \"" + OUT + "\" FROM clean");
        assertThat(resumed).hasSize(ROWS - 3).isEqualTo(reference);
        Map<Long, Float> errors = column(out, "SELECT id, 0 FROM predictions_errors");
        assertThat(errors).containsOnlyKeys(BatchTestData.UNPARSABLE, BatchTestData.NULL_VALUE,
                BatchTestData.UNKNOWN_CATEGORY);
        assertThat(column(out, "SELECT COUNT(*), 0 FROM predictions_errors")).containsOnlyKeys(3L);
    }

    /** The same on a real PostgreSQL server, source and sink: the sink's COPY and the position commit together. */
    @Test
    void aKilledJobIntoAPostgresTableResumesWithEveryRowOnce() throws Exception {
        Path model = SampleModels.weightChange(dir);
        try (TestPostgres pg = TestPostgres.start()) {
            String url = pg.url();
            BatchTestData.table(url, "people", ROWS, true);
            List<String> job = List.of("predict-batch", model.toString(), "--from", url, "--table", "people", "--to",
                    url, "--to-table", "predictions", "--key", "id", "--batch", "100");

            long atKill = killWhen(job, () -> committedRows(url), ROWS / 10);
            assertThat(atKill).as("killed part way").isBetween(1L, ROWS - 1L);
            assertThat(committedRows(url)).isLessThan(ROWS);

            List<String> resume = new ArrayList<>(job);
            resume.add("--resume");
            CliRun cli = new CliRun();
            assertThat(cli.execute(resume.toArray(String[]::new))).as(cli.err.toString()).isZero();
            assertThat(cli.err.toString()).contains("of an earlier run");

            CliRun clean = new CliRun();
            assertThat(clean.execute("predict-batch", model.toString(), "--from", url, "--table", "people", "--to",
                    url, "--to-table", "clean", "--key", "id", "--batch", "100")).as(clean.err.toString()).isZero();

            Map<Long, Float> resumed = column(url, "SELECT id, \"" + OUT + "\" FROM predictions");
            assertThat(resumed).hasSize(ROWS - 3).isEqualTo(column(url, "SELECT id, \"" + OUT + "\" FROM clean"));
            assertThat(column(url, "SELECT id, 0 FROM predictions_errors")).containsOnlyKeys(
                    BatchTestData.UNPARSABLE, BatchTestData.NULL_VALUE, BatchTestData.UNKNOWN_CATEGORY);
            assertThat(column(url, "SELECT COUNT(*), 0 FROM predictions_errors")).containsOnlyKeys(3L);
            assertThat(column(url, "SELECT source_rows, predicted FROM onnx_workbench_progress "
                    + "WHERE sink_table = 'predictions'")).containsOnlyKeys((long) ROWS);
        }
    }

    @Test
    void aKilledJobIntoAParquetFileResumesWithEveryRowOnce() throws Exception {
        Path model = SampleModels.weightChange(dir);
        Path in = BatchTestData.parquet(dir.resolve("people.parquet"), ROWS, true);
        Path out = dir.resolve("predictions.parquet");
        Path progress = dir.resolve("predictions.parquet.parts").resolve("progress.json");
        List<String> job = List.of("predict-batch", model.toString(), "--in", in.toString(), "--out", out.toString(),
                "--batch", "50");
        long atKill = killWhen(job, () -> Files.exists(progress) ? 1 : 0, 1);
        assertThat(atKill).isEqualTo(1);
        assertThat(out).doesNotExist();

        List<String> resume = new ArrayList<>(job);
        resume.add("--resume");
        CliRun cli = new CliRun();
        assertThat(cli.execute(resume.toArray(String[]::new))).as(cli.err.toString()).isZero();
        assertThat(cli.err.toString()).contains("of an earlier run");
        Path cleanOut = dir.resolve("clean.parquet");
        CliRun clean = new CliRun();
        assertThat(clean.execute("predict-batch", model.toString(), "--in", in.toString(), "--out",
                cleanOut.toString(), "--batch", "50")).as(clean.err.toString()).isZero();

        Map<Long, String> resumed = parquetColumn(out);
        assertThat(resumed).hasSize(ROWS).isEqualTo(parquetColumn(cleanOut));
        assertThat(resumed.get(BatchTestData.UNKNOWN_CATEGORY)).isNull();
    }

    /** Starts the job in its own JVM and kills it (SIGKILL) once {@code progress} reaches {@code threshold}. */
    private static long killWhen(List<String> args, LongSupplier progress, long threshold) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "dev.onnxworkbench.app.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // The class path in the environment, not on the command line: ONNX Runtime 1.29 overflows its stack
        // reading a very long /proc/self/cmdline (the test class path is thousands of characters).
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process p = builder.start();
        try {
            long seen = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (p.isAlive() && System.nanoTime() < deadline) {
                seen = safely(progress);
                if (seen >= threshold) {
                    p.destroyForcibly(); // SIGKILL on Linux: the JVM gets no chance to commit or clean up
                    p.waitFor(30, TimeUnit.SECONDS);
                    return seen;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("the job ended (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + ") before it could be killed part way; progress was " + seen);
        } finally {
            p.destroyForcibly();
        }
    }

    private static long safely(LongSupplier progress) {
        try {
            return progress.getAsLong();
        } catch (RuntimeException e) {
            return 0; // the table is not there yet, or the writer holds the lock
        }
    }

    private static long committedRows(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("SELECT source_rows FROM onnx_workbench_progress")) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Long, Float> column(String url, String sql) throws Exception {
        Map<Long, Float> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                assertThat(out.put(r.getLong(1), r.getFloat(2))).as("key %d twice", r.getLong(1)).isNull();
            }
        }
        return out;
    }

    private static Map<Long, String> parquetColumn(Path file) throws Exception {
        Map<Long, String> out = new HashMap<>();
        try (RowSource s = RowSource.open(new SourceSpec.File(file), List.of())) {
            int id = s.columns().indexOf("id");
            int v = s.columns().indexOf(OUT);
            Row r;
            while ((r = s.next()) != null) {
                long key = Long.parseLong(r.cell(id));
                assertThat(out.containsKey(key)).as("key %d twice", key).isFalse();
                out.put(key, r.cell(v));
            }
        }
        return out;
    }
}
