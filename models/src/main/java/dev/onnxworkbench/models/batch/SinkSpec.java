package dev.onnxworkbench.models.batch;

import java.nio.file.Path;

/** Where a batch job's predictions go: a file (.csv, .jsonl, .parquet) or a SQL table through JDBC. */
public sealed interface SinkSpec {
    String describe();

    record File(Path path) implements SinkSpec {
        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** Predictions into {@code table} (created if missing); failed rows into {@code table + "_errors"}. */
    record Jdbc(String url, String table) implements SinkSpec {
        @Override
        public String describe() {
            return "table " + table + " in " + JdbcUrls.withoutPassword(url);
        }

        public String errorTable() {
            return table + "_errors";
        }
    }
}
