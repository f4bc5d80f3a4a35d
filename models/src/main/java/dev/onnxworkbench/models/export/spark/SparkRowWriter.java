package dev.onnxworkbench.models.export.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.batch.PredictedBatch;
import dev.onnxworkbench.models.batch.Row;
import dev.onnxworkbench.models.batch.SinkTables;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.spark.sql.RowFactory;

/**
 * Turns a predicted batch into Spark rows of the job's schema: the source's columns (cell text, or the typed
 * values as read), one column per output value, then {@code error} worded as predict-batch words it. For a
 * SQL table sink two more columns carry what predict-batch's {@code TABLE_errors} holds, the bare
 * {@code reason} and the {@code source_row}, and a row without a key value fails as it does there.
 */
final class SparkRowWriter {
    private final SourceKind kind;
    private final List<String> sourceColumns;
    private final List<String> outputColumns;
    private final ArrayDeque<org.apache.spark.sql.Row> typedRows;
    private final List<String> tableKey; // null: a file sink

    SparkRowWriter(SourceKind kind, List<String> sourceColumns, List<String> outputColumns,
                   ArrayDeque<org.apache.spark.sql.Row> typedRows, List<String> tableKey) {
        this.kind = kind;
        this.sourceColumns = sourceColumns;
        this.outputColumns = outputColumns;
        this.typedRows = typedRows;
        this.tableKey = tableKey;
    }

    void write(PredictedBatch batch, List<String> predictorColumns, ArrayDeque<org.apache.spark.sql.Row> out) {
        if (!predictorColumns.equals(outputColumns)) {
            throw new IllegalStateException("The model's outputs gave the columns " + predictorColumns + ", not "
                    + outputColumns + " as its metadata said; the Spark job fixes its columns before it runs, "
                    + "so it needs outputs whose sizes per row the model states.");
        }
        for (int r = 0; r < batch.size(); r++) {
            Row row = batch.rows().get(r);
            int n = sourceColumns.size();
            Object[] values = new Object[n + outputColumns.size() + (tableKey == null ? 1 : 3)];
            if (kind == SourceKind.TYPED_ROWS) { // rows come back in the order they were read, one each
                org.apache.spark.sql.Row typed = typedRows.poll();
                for (int i = 0; i < n; i++) {
                    values[i] = typed.get(i);
                }
            } else { // CSV and JSON Lines: the cell text as read (JSON numbers as written)
                for (int i = 0; i < n; i++) {
                    values[i] = row.cell(batch.columns().indexOf(sourceColumns.get(i)));
                }
            }
            String reason = batch.errors()[r];
            if (tableKey != null && reason == null) {
                for (String k : tableKey) {
                    if (row.cell(batch.columns().indexOf(k)) == null) {
                        reason = SinkTables.nullKey(k);
                        break;
                    }
                }
            }
            Object[] outputs = reason == null ? batch.outputs()[r] : null;
            for (int i = 0; i < outputColumns.size(); i++) {
                Object v = outputs == null || i >= outputs.length ? null : outputs[i];
                values[n + i] = v instanceof JsonNode node ? node.toString() : v;
            }
            int error = n + outputColumns.size();
            values[error] = reason == null ? null : "row " + row.number() + ": " + reason;
            if (tableKey != null) {
                values[error + 1] = reason;
                values[error + 2] = row.number();
            }
            out.add(RowFactory.create(values));
        }
    }
}
