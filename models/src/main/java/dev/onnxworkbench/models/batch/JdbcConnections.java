package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections for batch jobs, with the settings each database needs for bulk work. */
final class JdbcConnections {
    private JdbcConnections() {
    }

    static Connection open(String url) throws WorkbenchException {
        Properties props = new Properties();
        if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("reWriteBatchedInserts", "true"); // one multi-row INSERT per batch, not N round trips
            props.setProperty("ApplicationName", "onnx-workbench predict-batch");
        }
        try {
            Connection c = DriverManager.getConnection(url, props);
            if (url.startsWith("jdbc:sqlite:")) {
                try (var st = c.createStatement()) {
                    st.execute("PRAGMA busy_timeout = 10000");
                }
            }
            return c;
        } catch (SQLException e) {
            throw new WorkbenchException("Could not connect to " + JdbcUrls.withoutPassword(url) + ": "
                    + message(e), e);
        }
    }

    /** The driver's message, which names the table, column or login that failed. */
    static String message(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip();
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }
}
