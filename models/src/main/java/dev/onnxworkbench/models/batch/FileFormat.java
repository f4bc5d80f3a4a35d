package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.nio.file.Path;
import java.util.Locale;

/** The row file formats a batch job reads and writes, chosen by file extension. */
public enum FileFormat {
    CSV, JSONL, PARQUET;

    public static FileFormat of(Path file) throws WorkbenchException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        throw new WorkbenchException(file.getFileName() + " is not .csv, .jsonl or .parquet; predict-batch reads "
                + "and writes those file formats (and SQL tables through --from/--to JDBC URLs).");
    }
}
