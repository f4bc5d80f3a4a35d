package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One input row: its number (1 = first data row), the cell texts aligned with the reader's columns
 * (null where a row lacks a column), and for JSON Lines the object as read, to repeat it in the output.
 */
public record Row(long number, String[] cells, ObjectNode json) {
}
