package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a 2-D tensor from CSV: one row per line, comma (or semicolon/tab) separated, double quotes
 * around cells that contain the separator. A first line that does not parse as numbers is taken as a
 * header for numeric inputs.
 */
final class CsvTensorReader {
    private CsvTensorReader() {
    }

    static HostTensor read(Path file, TensorRequest request) throws WorkbenchException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TensorFormatException("Could not read " + file + " as UTF-8 text: " + e.getMessage(), e);
        }
        lines.removeIf(String::isBlank);
        String where = file.getFileName().toString();
        if (lines.isEmpty()) {
            throw new TensorFormatException(where + " has no rows; write one row of values per line.");
        }
        char separator = separator(lines.getFirst());
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            rows.add(split(line, separator));
        }
        if (request.elementType() != ElementType.STRING && !numeric(rows.getFirst())) {
            rows.removeFirst(); // header
        }
        if (rows.isEmpty()) {
            throw new TensorFormatException(where + " has a header but no rows of values.");
        }
        int columns = rows.getFirst().size();
        List<Object> values = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != columns) {
                throw new TensorFormatException(where + ": row " + (r + 1) + " has " + rows.get(r).size()
                        + " values but the first row has " + columns + "; every row needs the same number.");
            }
            values.addAll(rows.get(r));
        }
        long[] found = {rows.size(), columns};
        long[] target = request.reconcile(found, values.size(), where);
        return TextValues.build(request.elementType(), target, values, where);
    }

    private static char separator(String line) {
        int commas = count(line, ',');
        int semicolons = count(line, ';');
        int tabs = count(line, '\t');
        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }

    static List<String> split(String line, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static boolean numeric(List<String> row) {
        for (String cell : row) {
            try {
                TextValues.number(cell, ElementType.DOUBLE, "", 0);
            } catch (TensorFormatException e) {
                return false;
            }
        }
        return true;
    }
}
