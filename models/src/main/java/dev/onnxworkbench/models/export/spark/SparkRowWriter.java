package dev.onnxworkbench.models.export.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.batch.JsonlRowReader;
import dev.onnxworkbench.models.batch.Row;
import dev.onnxworkbench.models.batch.RowWriter;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.spark.sql.RowFactory;

/**
 * Turns predict-batch's written rows into Spark rows of the job's schema: the source's columns (cell text,
 * or the typed values as read), one column per output value, then {@code error}. A row that could not be
 * parsed keeps its text in the first column, as predict-batch's CSV output does.
 */
final class SparkRowWriter implements RowWriter {
    private final SourceKind kind;
    private final List<String> sourceColumns;
    private final List<String> outputColumns;
    private final ArrayDeque<org.apache.spark.sql.Row> typedRows;
    final ArrayDeque<org.apache.spark.sql.Row> ready = new ArrayDeque<>();

    SparkRowWriter(SourceKind kind, List<String> sourceColumns, List<String> outputColumns,
                   ArrayDeque<org.apache.spark.sql.Row> typedRows) {
        this.kind = kind;
        this.sourceColumns = sourceColumns;
        this.outputColumns = outputColumns;
        this.typedRows = typedRows;
    }

    @Override
    public void write(Row row, List<String> inputColumns, List<String> columns, Object[] outputs, String error) {
        if (!columns.equals(outputColumns)) {
            throw new IllegalStateException("The model's outputs gave the columns " + columns + ", not "
                    + outputColumns + " as its metadata said; the Spark job fixes its columns before it runs, "
                    + "so it needs outputs whose sizes per row the model states.");
        }
        int n = sourceColumns.size();
        Object[] values = new Object[n + outputColumns.size() + 1];
        if (kind == SourceKind.TYPED_ROWS) { // rows are written in the order they were read, one each
            org.apache.spark.sql.Row typed = typedRows.poll();
            for (int i = 0; i < n; i++) {
                values[i] = typed.get(i);
            }
        } else if (row.json() instanceof ObjectNode json) {
            for (int i = 0; i < n; i++) {
                JsonNode v = json.get(sourceColumns.get(i));
                values[i] = JsonlRowReader.cell(v);
            }
        } else {
            String[] cells = row.cells();
            for (int i = 0; i < n && i < cells.length; i++) {
                values[i] = cells[i];
            }
        }
        for (int i = 0; i < outputColumns.size(); i++) {
            Object v = outputs == null || i >= outputs.length ? null : outputs[i];
            values[n + i] = v instanceof JsonNode node ? node.toString() : v;
        }
        values[values.length - 1] = error;
        ready.add(RowFactory.create(values));
    }

    @Override
    public void close() {
    }
}
