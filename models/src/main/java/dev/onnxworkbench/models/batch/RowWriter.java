package dev.onnxworkbench.models.batch;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.util.List;

/**
 * Writes prediction rows as text (CSV, JSON Lines): the input row's columns, then one column per output value,
 * then {@code error}. Output cells are Float, Double, Long, Boolean, String, or a Jackson node (maps from
 * ZipMap); null when the row failed.
 */
interface RowWriter extends Closeable, Flushable {
    void write(Row row, List<String> inputColumns, List<String> outputColumns, Object[] outputs, String error)
            throws IOException;
}
