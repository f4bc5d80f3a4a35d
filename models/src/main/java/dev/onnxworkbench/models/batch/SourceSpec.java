package dev.onnxworkbench.models.batch;

import java.nio.file.Path;

/** Where a batch job's rows come from: a file (.csv, .jsonl, .parquet) or a SQL table or query through JDBC. */
public sealed interface SourceSpec {
    /** What the user would recognise: the file name, or the table/query and the database. */
    String describe();

    record File(Path path) implements SourceSpec {
        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** Exactly one of {@code table} and {@code query} is set. */
    record Jdbc(String url, String table, String query) implements SourceSpec {
        public Jdbc {
            if ((table == null) == (query == null)) {
                throw new IllegalArgumentException("A SQL source names either a table or a query.");
            }
        }

        @Override
        public String describe() {
            return (table != null ? "table " + table : "query " + query) + " in " + JdbcUrls.withoutPassword(url);
        }
    }
}
