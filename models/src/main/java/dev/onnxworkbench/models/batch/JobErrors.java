package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The failed rows a job wrote, read back for viewing: from TABLE_errors, or the output file's error column. */
public final class JobErrors {
    /** One failed row: its number in the source, its key (or the whole row for files) and why it failed. */
    public record ErrorRow(long sourceRow, String key, String reason) {
    }

    private JobErrors() {
    }

    /** Up to {@code limit} failed rows, in source order. */
    public static List<ErrorRow> read(SinkSpec sink, List<String> key, int limit) throws WorkbenchException {
        return switch (sink) {
            case SinkSpec.Jdbc j -> fromTable(j, key, limit);
            case SinkSpec.File f -> fromFile(f, key, limit);
        };
    }

    private static List<ErrorRow> fromTable(SinkSpec.Jdbc sink, List<String> key, int limit)
            throws WorkbenchException {
        List<ErrorRow> out = new ArrayList<>();
        String keys = key.isEmpty() ? "" : key.stream().map(SqlNames::quote).collect(Collectors.joining(", ")) + ", ";
        try (Connection c = JdbcConnections.open(sink.url());
             PreparedStatement st = c.prepareStatement("SELECT " + keys + "source_row, reason FROM "
                     + SqlNames.table(sink.errorTable()) + " ORDER BY source_row LIMIT " + limit);
             ResultSet r = st.executeQuery()) {
            while (r.next()) {
                List<String> k = new ArrayList<>();
                for (int i = 1; i <= key.size(); i++) {
                    k.add(r.getString(i));
                }
                out.add(new ErrorRow(r.getLong(key.size() + 1), String.join(", ", k), r.getString(key.size() + 2)));
            }
        } catch (SQLException e) {
            throw new WorkbenchException("Could not read " + sink.errorTable() + ": " + JdbcConnections.message(e), e);
        }
        return out;
    }

    private static List<ErrorRow> fromFile(SinkSpec.File sink, List<String> key, int limit)
            throws WorkbenchException {
        List<ErrorRow> out = new ArrayList<>();
        try (RowSource s = RowSource.open(new SourceSpec.File(sink.path()), List.of())) {
            Row r;
            while (out.size() < limit && (r = s.next()) != null) {
                int errorAt = s.columns().indexOf("error");
                String error = r.cell(errorAt);
                if (error == null || error.isEmpty()) {
                    continue;
                }
                List<String> k = new ArrayList<>();
                for (String col : key.isEmpty() ? s.columns().subList(0, Math.min(1, s.columns().size())) : key) {
                    k.add(r.cell(s.columns().indexOf(col)));
                }
                long number = r.number();
                String reason = error;
                if (error.startsWith("row ") && error.indexOf(':') > 4) {
                    try {
                        number = Long.parseLong(error.substring(4, error.indexOf(':')));
                        reason = error.substring(error.indexOf(':') + 1).strip();
                    } catch (NumberFormatException ignored) {
                        // not our prefix: keep the whole text
                    }
                }
                out.add(new ErrorRow(number, String.join(", ", k), reason));
            }
        } catch (IOException | RowSource.BadRow e) {
            throw new WorkbenchException("Could not read the errors in " + sink.path() + ": " + e.getMessage(), e);
        }
        return out;
    }
}
