package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Rows streamed from a CSV (header row first) or JSON Lines file, one at a time. */
public interface RowReader extends Closeable {
    /** The column names (CSV header; JSON Lines: the first object's keys, then any new keys as met). */
    List<String> columns();

    /** The next row, or null at the end. A line that cannot be read throws {@link RowException}. */
    Row next() throws IOException, RowException;

    /** A row that could not be parsed; the run writes its error and goes on. */
    final class RowException extends Exception {
        final long number;
        final String text;

        public RowException(long number, String text, String message) {
            super(message, null, false, false);
            this.number = number;
            this.text = text;
        }
    }

    static RowReader open(Path file) throws WorkbenchException {
        return switch (Format.of(file)) {
            case CSV -> CsvRowReader.open(file);
            case JSONL -> JsonlRowReader.open(file);
        };
    }

    /** The two row formats, chosen by file extension. */
    enum Format {
        CSV, JSONL;

        static Format of(Path file) throws WorkbenchException {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            throw new WorkbenchException(file.getFileName() + " is neither .csv nor .jsonl; predict-batch reads and "
                    + "writes those two formats.");
        }
    }
}
