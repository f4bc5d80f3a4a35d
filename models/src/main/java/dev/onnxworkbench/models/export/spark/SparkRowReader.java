package dev.onnxworkbench.models.export.spark;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.onnxworkbench.models.batch.CsvRowReader;
import dev.onnxworkbench.models.batch.JsonlRowReader;
import dev.onnxworkbench.models.batch.Row;
import dev.onnxworkbench.models.batch.RowSource;
import dev.onnxworkbench.models.batch.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * A partition's elements, each with its row number in the whole source (Spark's zipWithIndex), read the
 * way predict-batch reads a file: CSV and JSON Lines lines through its parsers, typed rows as cell text.
 * Typed rows are also kept, in order, for the writer to repeat with their own types.
 */
final class SparkRowReader implements RowSource {
    private final Iterator<Tuple2<Object, Long>> elements;
    private final SourceKind kind;
    private final List<String> columns;
    final ArrayDeque<org.apache.spark.sql.Row> typedRows = new ArrayDeque<>();

    SparkRowReader(Iterator<Tuple2<Object, Long>> elements, SourceKind kind, List<String> columns) {
        this.elements = elements;
        this.kind = kind;
        // JSON Lines: the columns this partition has met so far, as predict-batch's reader collects them.
        this.columns = kind == SourceKind.JSON_LINES ? new ArrayList<>() : List.copyOf(columns);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public List<ColumnType> columnTypes() {
        return columns.stream().map(c -> ColumnType.TEXT).toList();
    }

    @Override
    public Row next() throws BadRow {
        if (!elements.hasNext()) {
            return null;
        }
        Tuple2<Object, Long> element = elements.next();
        long number = element._2() + 1;
        return switch (kind) {
            case CSV_LINES -> CsvRowReader.parseLine((String) element._1(), number, columns);
            case JSON_LINES -> JsonlRowReader.parseLine((String) element._1(), number, columns);
            case TYPED_ROWS -> {
                org.apache.spark.sql.Row row = (org.apache.spark.sql.Row) element._1();
                typedRows.add(row);
                String[] cells = new String[columns.size()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = text(row.isNullAt(i) ? null : row.get(i));
                }
                yield new Row(number, cells, null);
            }
        };
    }

    /**
     * A typed value as the cell text predict-batch would read for it: numbers as Java prints them (the
     * shortest text that parses back to the same value), arrays as JSON arrays.
     */
    static String text(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case scala.collection.Seq<?> seq -> array(scala.jdk.javaapi.CollectionConverters.asJava(seq));
            case List<?> list -> array(list);
            default -> value.toString();
        };
    }

    private static String array(List<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (Object v : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            String t = text(v);
            if (t == null) {
                out.append("null");
            } else if (v instanceof String) {
                out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(t)).append('"');
            } else {
                out.append(t);
            }
        }
        return out.append(']').toString();
    }

    @Override
    public void close() {
    }
}
