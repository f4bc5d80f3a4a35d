package dev.onnxworkbench.models.export.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.BatchSummary;
import dev.onnxworkbench.models.batch.CsvRowReader;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.TestSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** A shared local[2] Spark session and readers for the outputs predict-batch and the Spark job write. */
final class SparkTesting {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    private SparkTesting() {
    }

    /** One real local Spark session with two worker threads for the test JVM (Spark allows one per JVM). */
    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("onnx-workbench-tests")
                    .config("spark.ui.enabled", false)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", 2)
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }

    /** predict-batch as the CLI runs it: the file in, the file out. */
    static BatchSummary predictBatch(Path model, Path in, Path out, int batch) throws Exception {
        try (ModelSession session = TestSessions.factory().open(model, ExecutorSessions.settings(1))) {
            return new BatchPredictor(session, batch).run(in, out, s -> { }, () -> false);
        }
    }

    /** A CSV file, or a Spark folder of part files in order: header, then the rows as cells. */
    static List<List<String>> csv(Path fileOrFolder) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = null;
        for (Path f : files(fileOrFolder, ".csv")) {
            List<String> lines = Files.readAllLines(f);
            if (lines.isEmpty()) {
                continue;
            }
            List<String> h = CsvRowReader.header(lines.getFirst());
            if (header == null) {
                header = h;
                rows.add(h);
            }
            for (int i = 1; i < lines.size(); i++) {
                rows.add(List.of(CsvRowReader.parseLine(lines.get(i), i, h).cells()));
            }
        }
        return rows;
    }

    /** A JSON Lines file, or a Spark folder of part files in order, one object per row. */
    static List<JsonNode> jsonl(Path fileOrFolder) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (Path f : files(fileOrFolder, ".json")) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    private static List<Path> files(Path fileOrFolder, String extension) throws IOException {
        if (Files.isRegularFile(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> parts = Files.list(fileOrFolder)) {
            return parts.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().contains(extension)).sorted().toList();
        }
    }
}
