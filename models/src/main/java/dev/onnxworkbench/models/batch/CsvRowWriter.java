package dev.onnxworkbench.models.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** CSV out: a header at the first row, cells quoted only when they need it. */
final class CsvRowWriter implements RowWriter {
    private final BufferedWriter out;
    private boolean headerWritten;

    private CsvRowWriter(BufferedWriter out) {
        this.out = out;
    }

    /** Writes to {@code out}; {@code headerWritten} when appending to a file that has its header (a resumed job). */
    static CsvRowWriter open(OutputStream out, boolean headerWritten) {
        CsvRowWriter w = new CsvRowWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                1 << 16));
        w.headerWritten = headerWritten;
        return w;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void write(Row row, List<String> inputColumns, List<String> outputColumns, Object[] outputs, String error)
            throws IOException {
        if (!headerWritten) {
            boolean first = true;
            for (String c : inputColumns) {
                first = cell(c, first);
            }
            for (String c : outputColumns) {
                first = cell(c, first);
            }
            cell("error", first);
            out.write('\n');
            headerWritten = true;
        }
        boolean first = true;
        String[] cells = row.cells();
        for (int i = 0; i < inputColumns.size(); i++) {
            first = cell(i < cells.length ? cells[i] : null, first);
        }
        for (int i = 0; i < outputColumns.size(); i++) {
            Object v = outputs == null || i >= outputs.length ? null : outputs[i];
            first = cell(v == null ? null : v.toString(), first);
        }
        cell(error, first);
        out.write('\n');
    }

    private boolean cell(String text, boolean first) throws IOException {
        if (!first) {
            out.write(',');
        }
        if (text != null) {
            boolean quote = false;
            for (int i = 0; i < text.length() && !quote; i++) {
                char c = text.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (quote) {
                out.write('"');
                out.write(text.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(text);
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
