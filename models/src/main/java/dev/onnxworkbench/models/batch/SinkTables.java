package dev.onnxworkbench.models.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two tables a SQL sink writes, created if missing, the same from predict-batch and from the Spark job:
 * {@code TABLE} (the key columns with their source types, the table's primary key, then one column per output
 * value typed from the model's outputs) and {@code TABLE_errors} (the key columns, {@code source_row}, the
 * {@code reason} the row got no prediction).
 */
public final class SinkTables {
    /** The error table's columns after the key columns. */
    public static final String SOURCE_ROW = "source_row";
    public static final String REASON = "reason";

    private SinkTables() {
    }

    /** Creates both tables of {@code sink} that do not exist yet; the caller commits. */
    public static void create(Connection connection, SinkSpec.Jdbc sink, List<String> key, List<ColumnType> keyTypes,
                              List<String> outputColumns, List<ColumnType> outputTypes) throws SQLException {
        List<String> defs = new ArrayList<>();
        List<String> errorDefs = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            defs.add(SqlNames.quote(key.get(i)) + " " + keyTypes.get(i).sql() + " NOT NULL");
            errorDefs.add(SqlNames.quote(key.get(i)) + " " + keyTypes.get(i).sql());
        }
        for (int i = 0; i < outputColumns.size(); i++) {
            defs.add(SqlNames.quote(outputColumns.get(i)) + " " + outputTypes.get(i).sql());
        }
        errorDefs.add(SOURCE_ROW + " BIGINT NOT NULL");
        errorDefs.add(REASON + " TEXT NOT NULL");
        String keyList = key.stream().map(SqlNames::quote).collect(Collectors.joining(", "));
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + SqlNames.table(sink.table()) + " (" + String.join(", ", defs)
                    + ", PRIMARY KEY (" + keyList + "))");
            st.execute("CREATE TABLE IF NOT EXISTS " + SqlNames.table(sink.errorTable()) + " ("
                    + String.join(", ", errorDefs) + ")");
        }
    }

    /** Why a row whose key cell is NULL gets no prediction: the table could not key it. */
    public static String nullKey(String column) {
        return "the key column '" + column + "' is NULL";
    }
}
