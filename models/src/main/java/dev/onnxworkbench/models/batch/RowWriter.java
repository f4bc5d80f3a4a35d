package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes prediction rows: the input row's columns, then one column per output value, then {@code error}.
 * Output cells are Float, Double, Long, Boolean, String, or a Jackson node (maps from ZipMap); null when
 * the row failed.
 */
public interface RowWriter extends Closeable {
    void write(Row row, List<String> inputColumns, List<String> outputColumns, Object[] outputs, String error)
            throws IOException;

    static RowWriter open(Path file) throws WorkbenchException {
        return switch (RowReader.Format.of(file)) {
            case CSV -> CsvRowWriter.open(file);
            case JSONL -> JsonlRowWriter.open(file);
        };
    }
}
