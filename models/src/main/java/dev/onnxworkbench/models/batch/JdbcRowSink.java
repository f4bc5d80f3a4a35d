package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.WorkbenchException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Predictions into a SQL table: the key columns (with their source types, the table's primary key) and one
 * column per output value (typed from the model's outputs), created if missing. Failed rows go to
 * {@code TABLE_errors} (key columns, the source row number, the reason). Each batch is one transaction that
 * also moves the job's position in {@value #PROGRESS} — a kill, a lost connection or a cancel loses at most
 * the uncommitted batch, which a resumed job predicts again; the primary key refuses a row written twice.
 * PostgreSQL gets the predictions by {@link PostgresCopy COPY} in that same transaction; others by batched INSERTs.
 */
final class JdbcRowSink implements RowSink {
    static final String PROGRESS = "onnx_workbench_progress";

    private final SinkSpec.Jdbc spec;
    private final List<String> key;
    private Connection connection;
    private PreparedStatement insert;
    private PostgresCopy copy; // PostgreSQL: predictions go by COPY, not by INSERT
    private PreparedStatement insertError;
    private PreparedStatement updateProgress;
    private int[] keyIndex;
    private List<ColumnType> keyTypes;
    private List<ColumnType> outputTypes;
    private List<String> indexedColumns;

    JdbcRowSink(SinkSpec.Jdbc spec, List<String> key) {
        this.spec = spec;
        this.key = List.copyOf(key);
    }

    @Override
    public Checkpoint start(boolean resume) throws WorkbenchException {
        connection = JdbcConnections.open(spec.url());
        try {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + PROGRESS + " (sink_table VARCHAR(512) PRIMARY KEY, "
                        + "source_rows BIGINT NOT NULL, predicted BIGINT NOT NULL, errors BIGINT NOT NULL)");
            }
            connection.commit();
            Checkpoint earlier = null;
            try (PreparedStatement q = connection.prepareStatement("SELECT source_rows, predicted, errors FROM "
                    + PROGRESS + " WHERE sink_table = ?")) {
                q.setString(1, spec.table());
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        earlier = new Checkpoint(r.getLong(1), r.getLong(2), r.getLong(3));
                    }
                }
            }
            connection.commit();
            if (resume) {
                return earlier == null ? Checkpoint.START : earlier;
            }
            long existing = tableExists(spec.table()) ? count(spec.table()) : 0;
            if (earlier != null || existing > 0) {
                throw new WorkbenchException("The table " + spec.table() + " in " + JdbcUrls.withoutPassword(spec.url())
                        + " already holds " + (earlier != null ? "a job's predictions (" + earlier.sourceRows()
                        + " source rows done)" : existing + " rows") + "; --resume continues that job, or choose "
                        + "another --to-table (or drop it).");
            }
            return Checkpoint.START;
        } catch (SQLException e) {
            throw failure("prepare", e);
        }
    }

    @Override
    public void open(SinkLayout layout) throws WorkbenchException {
        outputTypes = layout.outputTypes();
        keyTypes = key.stream().map(layout::sourceType).toList();
        try {
            SinkTables.create(connection, spec, key, keyTypes, layout.outputColumns(), outputTypes);
            connection.commit();
            List<String> columns = new ArrayList<>(key);
            columns.addAll(layout.outputColumns());
            insert = connection.prepareStatement("INSERT INTO " + SqlNames.table(spec.table()) + " ("
                    + columns.stream().map(SqlNames::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")");
            copy = PostgresCopy.of(connection, spec.table(), columns);
            List<String> errorColumns = new ArrayList<>(key);
            errorColumns.add(SinkTables.SOURCE_ROW);
            errorColumns.add(SinkTables.REASON);
            insertError = connection.prepareStatement("INSERT INTO " + SqlNames.table(spec.errorTable()) + " ("
                    + errorColumns.stream().map(SqlNames::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                    + errorColumns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")");
            updateProgress = connection.prepareStatement("UPDATE " + PROGRESS + " SET source_rows = ?, "
                    + "predicted = ?, errors = ? WHERE sink_table = ?");
        } catch (SQLException e) {
            throw failure("create", e);
        }
    }

    @Override
    public void write(PredictedBatch batch, Checkpoint after) throws WorkbenchException {
        if (indexedColumns != batch.columns()) {
            indexedColumns = batch.columns();
            keyIndex = key.stream().mapToInt(k -> batch.columns().indexOf(k)).toArray();
        }
        long row = -1;
        try {
            int predictions = 0;
            int errors = 0;
            for (int i = 0; i < batch.size(); i++) {
                Row r = batch.rows().get(i);
                row = r.number();
                Object[] out = batch.outputs()[i];
                String error = batch.errors()[i];
                String[] keyCells = new String[key.size()];
                for (int k = 0; k < key.size(); k++) {
                    keyCells[k] = r.cell(keyIndex[k]);
                    if (keyCells[k] == null && error == null) {
                        error = SinkTables.nullKey(key.get(k));
                    }
                }
                if (error == null && copy != null) {
                    copy.startRow();
                    for (int k = 0; k < key.size(); k++) {
                        copy.cell(keyTypes.get(k).parse(keyCells[k]), k == 0);
                    }
                    for (int o = 0; o < outputTypes.size(); o++) {
                        copy.cell(o < out.length ? out[o] : null, key.isEmpty() && o == 0);
                    }
                    predictions++;
                } else if (error == null) {
                    for (int k = 0; k < key.size(); k++) {
                        setTyped(insert, k + 1, keyTypes.get(k), keyCells[k]);
                    }
                    for (int o = 0; o < outputTypes.size(); o++) {
                        setOutput(insert, key.size() + o + 1, outputTypes.get(o), o < out.length ? out[o] : null);
                    }
                    insert.addBatch();
                    predictions++;
                } else {
                    for (int k = 0; k < key.size(); k++) {
                        setTyped(insertError, k + 1, keyTypes.get(k), keyCells[k]);
                    }
                    insertError.setLong(key.size() + 1, r.number());
                    insertError.setString(key.size() + 2, error);
                    insertError.addBatch();
                    errors++;
                }
            }
            row = -1;
            if (predictions > 0 && copy != null) {
                copy.send();
            } else if (predictions > 0) {
                insert.executeBatch();
            }
            if (errors > 0) {
                insertError.executeBatch();
            }
            commit(after);
        } catch (SQLException | NumberFormatException e) {
            if (copy != null) {
                copy.discard();
            }
            rollback();
            throw new WorkbenchException("Could not write " + (row >= 0 ? "row " + row + " to " : "a batch to ")
                    + spec.describe() + ": " + (e instanceof SQLException s ? JdbcConnections.message(s)
                    : e.getMessage()) + ". The rows before it are committed; --resume continues from there.", e);
        }
    }

    private void commit(Checkpoint after) throws SQLException {
        updateProgress.setLong(1, after.sourceRows());
        updateProgress.setLong(2, after.predicted());
        updateProgress.setLong(3, after.errors());
        updateProgress.setString(4, spec.table());
        if (updateProgress.executeUpdate() == 0) {
            try (PreparedStatement ins = connection.prepareStatement("INSERT INTO " + PROGRESS
                    + " (sink_table, source_rows, predicted, errors) VALUES (?, ?, ?, ?)")) {
                ins.setString(1, spec.table());
                ins.setLong(2, after.sourceRows());
                ins.setLong(3, after.predicted());
                ins.setLong(4, after.errors());
                ins.executeUpdate();
            }
        }
        connection.commit(); // the predictions, the error rows and the position together, or none of them
    }

    private static void setTyped(PreparedStatement st, int index, ColumnType type, String text) throws SQLException {
        Object v = type.parse(text);
        switch (v) {
            case null -> st.setNull(index, type == ColumnType.TEXT ? Types.VARCHAR : Types.NUMERIC);
            case String s -> st.setString(index, s);
            case Integer n -> st.setInt(index, n);
            case Long n -> st.setLong(index, n);
            case Float f -> st.setFloat(index, f);
            case Double d -> st.setDouble(index, d);
            case Boolean b -> st.setBoolean(index, b);
            default -> st.setString(index, v.toString());
        }
    }

    private static void setOutput(PreparedStatement st, int index, ColumnType type, Object v) throws SQLException {
        switch (v) {
            case null -> st.setNull(index, switch (type) {
                case REAL -> Types.REAL;
                case DOUBLE -> Types.DOUBLE;
                case BIGINT -> Types.BIGINT;
                case INTEGER -> Types.INTEGER;
                case BOOLEAN -> Types.BOOLEAN;
                case TEXT -> Types.VARCHAR;
            });
            case Float f -> st.setFloat(index, f);
            case Double d -> st.setDouble(index, d);
            case Long n when type == ColumnType.INTEGER -> st.setInt(index, Math.toIntExact(n));
            case Long n -> st.setLong(index, n);
            case Boolean b -> st.setBoolean(index, b);
            case JsonNode n -> st.setString(index, n.toString());
            default -> st.setString(index, v.toString());
        }
    }

    private boolean tableExists(String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
            String schema = null;
            String bare = name;
            int dot = name.indexOf('.');
            if (dot > 0) {
                schema = name.substring(0, dot);
                bare = name.substring(dot + 1);
            }
            try (ResultSet r = meta.getTables(null, schema, bare, null)) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private long count(String table) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet r = st.executeQuery("SELECT COUNT(*) FROM " + SqlNames.table(table))) {
            r.next();
            return r.getLong(1);
        } finally {
            connection.commit();
        }
    }

    @Override
    public void finish(Checkpoint at, boolean complete) throws WorkbenchException {
        try {
            if (connection != null && insert != null) {
                commit(at);
            }
        } catch (SQLException e) {
            throw failure("commit", e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the database rolls the open transaction back itself
        }
    }

    private WorkbenchException failure(String what, SQLException e) {
        return new WorkbenchException("Could not " + what + " " + spec.describe() + ": " + JdbcConnections.message(e),
                e);
    }

    @Override
    public void close() throws WorkbenchException {
        if (connection == null) {
            return;
        }
        try (Connection c = connection) {
            if (insert != null) {
                insert.close();
                insertError.close();
                updateProgress.close();
            }
            c.rollback();
        } catch (SQLException e) {
            throw failure("close the connection to", e);
        }
    }
}
