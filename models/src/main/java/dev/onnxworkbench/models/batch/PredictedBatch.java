package dev.onnxworkbench.models.batch;

import java.util.List;

/**
 * One batch of rows and what became of each: {@code outputs[i]} holds row i's output cells (aligned with the
 * predictor's {@link BatchPredictor#outputColumns()}) and {@code errors[i]} is null, or {@code outputs[i]} is
 * null and {@code errors[i]} says why the row got no prediction (a value that does not parse, an unknown
 * category, a NULL, a run ONNX Runtime refused). {@code columns} are the source's columns the rows' cells
 * are aligned with.
 */
public record PredictedBatch(List<String> columns, List<Row> rows, Object[][] outputs, String[] errors) {
    public int size() {
        return rows.size();
    }

    public long errorCount() {
        long n = 0;
        for (String e : errors) {
            if (e != null) {
                n++;
            }
        }
        return n;
    }

    /** The error as the row's error column shows it: "row N: why", or null. */
    public String errorText(int i) {
        return errors[i] == null ? null : "row " + rows.get(i).number() + ": " + errors[i];
    }
}
