package dev.onnxworkbench.models.batch;

import java.util.List;

/**
 * The columns a sink writes: the source's columns and types (files repeat them all; SQL tables keep the
 * {@code key} columns), then one column per output value with its type.
 */
public record SinkLayout(List<String> sourceColumns, List<ColumnType> sourceTypes, List<String> key,
                         List<String> outputColumns, List<ColumnType> outputTypes) {
    public SinkLayout {
        sourceColumns = List.copyOf(sourceColumns);
        sourceTypes = List.copyOf(sourceTypes);
        key = List.copyOf(key);
        outputColumns = List.copyOf(outputColumns);
        outputTypes = List.copyOf(outputTypes);
    }

    public ColumnType sourceType(String column) {
        int i = sourceColumns.indexOf(column);
        return i < 0 || i >= sourceTypes.size() ? ColumnType.TEXT : sourceTypes.get(i);
    }
}
