package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * A batch of prediction rows into a PostgreSQL table through {@code COPY … FROM STDIN}: one stream per batch
 * instead of an INSERT's bind and parse per row, several times faster for a million rows. It runs on the
 * sink's connection inside its open transaction, so the rows still commit together with the job's position.
 * Values travel in COPY's text format (tab-separated, {@code \N} for NULL, backslash escapes); Java's
 * shortest round-trip float and double texts read back as the same values.
 */
final class PostgresCopy {
    private final CopyManager copies;
    private final String sql;
    private final StringBuilder text = new StringBuilder(1 << 16); // reused: one batch's rows at a time
    private int rows;

    private PostgresCopy(CopyManager copies, String table, List<String> columns) {
        this.copies = copies;
        this.sql = "COPY " + SqlNames.table(table) + " (" + columns.stream().map(SqlNames::quote)
                .collect(Collectors.joining(", ")) + ") FROM STDIN (FORMAT text)";
    }

    /** A COPY for {@code columns} of {@code table}, or null when the connection is not PostgreSQL's driver. */
    static PostgresCopy of(Connection connection, String table, List<String> columns) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            return null;
        }
        return new PostgresCopy(connection.unwrap(PGConnection.class).getCopyAPI(), table, columns);
    }

    /** Starts a row: its cells follow, in the columns' order. */
    void startRow() {
        if (rows > 0) {
            text.append('\n');
        }
        rows++;
    }

    /** The next cell of the row; null is SQL NULL. */
    void cell(Object value, boolean first) {
        if (!first) {
            text.append('\t');
        }
        switch (value) {
            case null -> text.append("\\N");
            case Float f -> text.append(f.floatValue());
            case Double d -> text.append(d.doubleValue());
            case Long n -> text.append(n.longValue());
            case Integer n -> text.append(n.intValue());
            case Boolean b -> text.append(b ? 't' : 'f');
            case JsonNode n -> escape(n.toString());
            default -> escape(value.toString());
        }
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    /** Sends the rows started since the last send as one COPY (in the connection's transaction). */
    void send() throws SQLException {
        if (rows == 0) {
            return;
        }
        text.append('\n');
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        rows = 0;
        CopyIn in = copies.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Drops rows started but not sent (a batch that failed before its send). */
    void discard() {
        text.setLength(0);
        rows = 0;
    }
}
