package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.graph.ElementType;
import java.sql.Types;

/**
 * The type of a column in a source or sink, as far as a batch job needs it: to create a sink table's or
 * Parquet file's columns (keys keep their source type, outputs take the model's element type) and to turn a
 * cell's text back into a typed value when writing it.
 */
public enum ColumnType {
    TEXT, BOOLEAN, INTEGER, BIGINT, REAL, DOUBLE;

    /** The column type that holds one value of an ONNX output's element type (JSON text for maps, sequences). */
    public static ColumnType of(ElementType type) {
        if (type == null) {
            return TEXT;
        }
        return switch (type) {
            case FLOAT, FLOAT16, BFLOAT16 -> REAL;
            case DOUBLE -> DOUBLE;
            case BOOL -> BOOLEAN;
            case INT8, UINT8, INT16, UINT16, INT32 -> INTEGER;
            case INT64, UINT32, UINT64 -> BIGINT;
            default -> TEXT;
        };
    }

    /** A JDBC result column's type ({@link java.sql.Types}); anything else is kept as text. */
    public static ColumnType ofJdbc(int sqlType) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INTEGER;
            case Types.BIGINT -> BIGINT;
            case Types.REAL -> REAL;
            case Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> DOUBLE;
            default -> TEXT;
        };
    }

    /** The SQL type name to create a column of this type with (the same names work in SQLite and PostgreSQL). */
    public String sql() {
        return switch (this) {
            case TEXT -> "TEXT";
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
        };
    }

    /** The cell's text as a value of this type (for JDBC setObject and Parquet); null stays null. */
    public Object parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (this) {
            case TEXT -> text;
            case BOOLEAN -> text.equals("1") || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("t");
            case INTEGER -> Integer.parseInt(text.strip());
            case BIGINT -> Long.parseLong(text.strip());
            case REAL -> Float.parseFloat(text.strip());
            case DOUBLE -> Double.parseDouble(text.strip());
        };
    }
}
