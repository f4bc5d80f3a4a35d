package dev.onnxworkbench.models.export.spark;

import dev.onnxworkbench.models.batch.ColumnType;

/**
 * The Spark SQL type of each output column, by name: the cell types predict-batch writes (maps from ZipMap
 * as JSON text). Free of Spark classes, so the export (which runs in the app, without Spark) can name them.
 */
final class SparkColumnTypes {
    private SparkColumnTypes() {
    }

    static String of(ColumnType type) {
        return switch (type) {
            case REAL -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case INTEGER, BIGINT -> "bigint";
            case TEXT -> "string";
        };
    }
}
