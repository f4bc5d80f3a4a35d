package dev.onnxworkbench.models.export.spark;

import dev.onnxworkbench.models.runtime.ValueDescriptor;

/**
 * The Spark SQL type of each output column, by name: the cell types predict-batch writes (maps from ZipMap
 * as JSON text). Free of Spark classes, so the export (which runs in the app, without Spark) can name them.
 */
final class SparkColumnTypes {
    private SparkColumnTypes() {
    }

    static String of(ValueDescriptor d) {
        if (d.kind() != ValueDescriptor.Kind.TENSOR || d.elementType() == null) {
            return "string";
        }
        return switch (d.elementType()) {
            case FLOAT, FLOAT16, BFLOAT16 -> "float";
            case DOUBLE -> "double";
            case BOOL -> "boolean";
            case STRING -> "string";
            default -> "bigint";
        };
    }
}
