package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Rows streamed one at a time from where they live: a CSV (header row first), JSON Lines or Parquet file,
 * or a SQL table or query through JDBC. Memory stays bounded by what the caller keeps, whatever the size.
 * The order is repeatable (files in file order; SQL ordered by the job's key columns), which is what lets
 * a job resume by skipping the rows it already committed.
 */
public interface RowSource extends Closeable {
    /** The column names (CSV header, Parquet schema, SQL result; JSON Lines: the keys met so far). */
    List<String> columns();

    /** The columns' types, aligned with {@link #columns()}; TEXT where the source has no types. */
    default List<ColumnType> columnTypes() {
        return Collections.nCopies(columns().size(), ColumnType.TEXT);
    }

    /** The next row, or null at the end. A row that cannot be read throws {@link BadRow}; the next call goes on. */
    Row next() throws IOException, BadRow, WorkbenchException;

    /** How many rows the source holds, when it knows without reading them (Parquet footers, SQL count); else −1. */
    default long expectedRows() {
        return -1;
    }

    /** Opens the source a job names; SQL sources are ordered by {@code key} when it is not empty. */
    static RowSource open(SourceSpec spec, List<String> key) throws WorkbenchException {
        return switch (spec) {
            case SourceSpec.File f -> switch (FileFormat.of(f.path())) {
                case CSV -> CsvRowReader.open(f.path());
                case JSONL -> JsonlRowReader.open(f.path());
                case PARQUET -> ParquetRowSource.open(f.path());
            };
            case SourceSpec.Jdbc j -> JdbcRowSource.open(j, key);
        };
    }

    /** A row that could not be read (malformed CSV line, not JSON); the job writes its error and goes on. */
    final class BadRow extends Exception {
        private final long number;
        private final String text;

        public BadRow(long number, String text, String message) {
            super(message, null, false, false);
            this.number = number;
            this.text = text;
        }

        public long number() {
            return number;
        }

        public String text() {
            return text;
        }
    }
}
