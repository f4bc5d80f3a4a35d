package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows of a SQL table or query through JDBC, streamed with a forward-only cursor (PostgreSQL fetches
 * {@value #FETCH} rows at a time inside a read-only transaction instead of loading the whole result), ordered
 * by the job's key columns when it has them, so a resumed job skips exactly the rows it committed.
 */
final class JdbcRowSource implements RowSource {
    static final int FETCH = 8192;

    private final SourceSpec.Jdbc spec;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final List<String> columns = new ArrayList<>();
    private final List<ColumnType> types = new ArrayList<>();
    private final long expected;
    private long number;

    private JdbcRowSource(SourceSpec.Jdbc spec, Connection connection, List<String> key) throws SQLException {
        this.spec = spec;
        this.connection = connection;
        connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        String from = spec.table() != null ? SqlNames.table(spec.table()) : "(" + spec.query() + ") AS q";
        try (Statement count = connection.createStatement(); ResultSet c = count.executeQuery(
                "SELECT COUNT(*) FROM " + from)) {
            this.expected = c.next() ? c.getLong(1) : -1;
        }
        String order = key.isEmpty() ? "" : " ORDER BY " + key.stream().map(SqlNames::quote)
                .collect(Collectors.joining(", "));
        statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH);
        rows = statement.executeQuery("SELECT * FROM " + from + order);
        ResultSetMetaData meta = rows.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
            types.add(ColumnType.ofJdbc(meta.getColumnType(i)));
        }
    }

    static JdbcRowSource open(SourceSpec.Jdbc spec, List<String> key) throws WorkbenchException {
        Connection c = JdbcConnections.open(spec.url());
        try {
            return new JdbcRowSource(spec, c, key);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the first failure is the one to report
            }
            throw new WorkbenchException("Could not read " + spec.describe() + ": " + JdbcConnections.message(e), e);
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public List<ColumnType> columnTypes() {
        return types;
    }

    @Override
    public long expectedRows() {
        return expected;
    }

    @Override
    public Row next() throws IOException, WorkbenchException {
        try {
            if (!rows.next()) {
                return null;
            }
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = rows.getString(i + 1);
            }
            return new Row(++number, cells);
        } catch (SQLException e) {
            throw new WorkbenchException("Could not read row " + (number + 1) + " of " + spec.describe() + ": "
                    + JdbcConnections.message(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        try (connection; statement; rows) {
            connection.rollback(); // nothing was written; ends the read transaction
        } catch (SQLException e) {
            throw new IOException(JdbcConnections.message(e), e);
        }
    }
}
