package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: a header row, commas, double quotes around cells that hold commas, quotes or line breaks. */
final class CsvRowReader implements RowSource {
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
                reader.columns.add(name.strip().replace("\uFEFF", ""));
            }
            return reader;
        } catch (IOException e) {
            throw new WorkbenchException("Could not read " + file + ": " + IoReasons.of(e), e);
        }
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
