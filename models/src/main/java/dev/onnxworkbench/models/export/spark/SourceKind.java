package dev.onnxworkbench.models.export.spark;

/**
 * How a partition's elements become rows: lines of a CSV or JSON Lines file, parsed by predict-batch's own
 * parsers, or rows of a typed source (Parquet, JDBC) whose values are turned into cell text.
 */
enum SourceKind {
    CSV_LINES, JSON_LINES, TYPED_ROWS
}
