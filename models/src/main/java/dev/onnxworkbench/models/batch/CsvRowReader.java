package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: a header row, commas, double quotes around cells that hold commas, quotes or line breaks. */
public final class CsvRowReader implements RowSource {
    private final BufferedReader in;
    private final List<String> columns;
    private final List<String> scratch = new ArrayList<>();
    private final StringBuilder cell = new StringBuilder();
    private long number;

    private CsvRowReader(BufferedReader in, List<String> columns) {
        this.in = in;
        this.columns = columns;
    }

    static CsvRowReader open(Path file) throws WorkbenchException {
        try {
            BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            CsvRowReader reader = new CsvRowReader(in, new ArrayList<>());
            if (!reader.readRecord()) {
                in.close();
                throw new WorkbenchException(file.getFileName() + " is empty; it needs a header row naming the "
                        + "model's inputs.");
            }
            for (String name : reader.scratch) {
                reader.columns.add(columnName(name));
            }
            return reader;
        } catch (IOException e) {
            throw new WorkbenchException("Could not read " + file + ": " + IoReasons.of(e), e);
        }
    }

    /**
     * One line of a file whose header named {@code columns}, as row {@code number}. The Spark job parses the
     * lines of its partitions here, so both read CSV the same way (a quoted cell cannot span lines there).
     */
    public static Row parseLine(String line, long number, List<String> columns) throws BadRow {
        CsvRowReader reader = new CsvRowReader(new BufferedReader(new StringReader(line), Math.max(16, line.length())),
                columns);
        reader.number = number - 1;
        try {
            return reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string cannot fail to read
        }
    }

    /** The column names a header line holds (as {@link #open} reads them). */
    public static List<String> header(String line) {
        CsvRowReader reader = new CsvRowReader(new BufferedReader(new StringReader(line)), new ArrayList<>());
        try {
            reader.readRecord();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reader.scratch.stream().map(CsvRowReader::columnName).toList();
    }

    private static String columnName(String cell) {
        return cell.strip().replace("\uFEFF", "");
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Row next() throws IOException, BadRow {
        do {
            if (!readRecord()) {
                return null;
            }
        } while (scratch.size() == 1 && scratch.getFirst().isEmpty()); // blank lines
        number++;
        if (scratch.size() > columns.size()) {
            throw new BadRow(number, String.join(",", scratch), "the row has " + scratch.size()
                    + " cells but the header names " + columns.size() + " columns");
        }
        String[] cells = new String[columns.size()];
        for (int i = 0; i < scratch.size(); i++) {
            cells[i] = scratch.get(i);
        }
        return new Row(number, cells, null);
    }

    /**
     * Reads one record into {@link #scratch}; false at the end of the file. Works on whole lines (no
     * per-character locking); a quoted cell that spans lines pulls in the next line.
     */
    private boolean readRecord() throws IOException {
        scratch.clear();
        String line = in.readLine();
        if (line == null) {
            return false;
        }
        if (line.indexOf('"') < 0) { // the common case: split on commas
            int from = 0;
            int comma;
            while ((comma = line.indexOf(',', from)) >= 0) {
                scratch.add(line.substring(from, comma));
                from = comma + 1;
            }
            scratch.add(line.substring(from));
            return true;
        }
        cell.setLength(0);
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == line.length()) {
                if (!quoted) {
                    break;
                }
                String next = in.readLine();
                if (next == null) {
                    break; // unterminated quote: take what there is
                }
                cell.append('\n');
                line = next;
                i = 0;
                continue;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                scratch.add(cell.toString());
                cell.setLength(0);
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else {
                cell.append(c);
            }
        }
        scratch.add(cell.toString());
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
