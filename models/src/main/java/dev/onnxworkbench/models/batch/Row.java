package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One input row: its number in the source (1 = first data row), the cell texts aligned with the source's
 * columns (null for SQL NULL, a missing JSON key or a short CSV row), and for JSON Lines the object as read,
 * to repeat it in the output. Every cell is text: the one value parser of the input set turns it into the
 * input's element type, whatever the source (a Spark job builds rows the same way from its own rows).
 */
public record Row(long number, String[] cells, ObjectNode json) {
    public Row(long number, String[] cells) {
        this(number, cells, null);
    }

    /** The cell of column {@code index}, or null when the row is shorter. */
    public String cell(int index) {
        return index >= 0 && index < cells.length ? cells[index] : null;
    }
}
