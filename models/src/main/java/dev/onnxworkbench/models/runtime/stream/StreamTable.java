package dev.onnxworkbench.models.runtime.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A streaming run's rows as CSV (one line per window: {@code window,startSeconds,endSeconds,startSample,
 * endSample} then one column per output value), as a text table and as JSON ({@code windows[]}). The CSV is
 * what {@code run --window ... --out rows.csv} and the window's Export CSV… write.
 */
public final class StreamTable {

    private StreamTable() {}

    /** Column names of the output values: {@code output}, or {@code output[0]}, {@code output[1]}… */
    public static List<String> valueColumns(StreamResult r) {
        List<String> columns = new ArrayList<>();
        for (String out : r.outputs()) {
            int n = r.rows().isEmpty() ? 1 : r.rows().getFirst().values().get(out).length;
            if (n == 1) {
                columns.add(out);
            } else {
                for (int i = 0; i < n; i++) {
                    columns.add(out + "[" + i + "]");
                }
            }
        }
        return columns;
    }

    public static void writeCsv(Path file, StreamResult r) throws WorkbenchException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(w, r);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot write " + file.getFileName() + ": " + e.getMessage());
        }
    }

    public static void writeCsv(Writer w, StreamResult r) throws IOException {
        List<String> header = new ArrayList<>(List.of("window", "startSeconds", "endSeconds", "startSample", "endSample"));
        header.addAll(valueColumns(r).stream().map(StreamTable::quote).toList());
        w.write(String.join(",", header));
        w.write('\n');
        for (StreamRow row : r.rows()) {
            StringBuilder b = new StringBuilder();
            b.append(row.index()).append(',').append(time(row.startSeconds())).append(',').append(time(row.endSeconds()))
                    .append(',').append(row.startSample()).append(',').append(row.endSample());
            for (String out : r.outputs()) {
                for (double v : row.values().get(out)) {
                    b.append(',').append(number(v));
                }
            }
            w.write(b.toString());
            w.write('\n');
        }
    }

    public static void printText(PrintWriter out, StreamResult r) {
        List<String> columns = valueColumns(r);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%6s  %9s  %9s", "window", "start s", "end s"));
        columns.forEach(c -> head.append("  ").append(String.format(Locale.ROOT, "%12s", c)));
        out.println(head);
        for (StreamRow row : r.rows()) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%6d  %9s  %9s", row.index(),
                    time(row.startSeconds()), time(row.endSeconds())));
            for (String o : r.outputs()) {
                for (double v : row.values().get(o)) {
                    b.append("  ").append(String.format(Locale.ROOT, "%12s", number(v)));
                }
            }
            out.println(b);
        }
    }

    /** Puts {@code "stream": {input, window, hop, carry{}, sampleRate, samples, seconds, windows, padding, runMs}} and {@code "windows": [...]}. */
    public static void putJson(ObjectNode root, StreamResult r) {
        ObjectNode s = root.putObject("stream");
        s.put("input", r.plan().input());
        s.put("window", r.plan().window());
        s.put("hop", r.plan().hop());
        ObjectNode carry = s.putObject("carry");
        r.plan().carry().forEach(carry::put);
        s.put("sampleRate", r.sampleRate());
        s.put("samples", r.length());
        if (r.sampleRate() > 0) {
            s.put("seconds", r.seconds());
        }
        s.put("windows", r.rows().size());
        s.put("padding", r.padding());
        s.put("runMs", r.runMillis());
        ArrayNode rows = root.putArray("windows");
        for (StreamRow row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("window", row.index());
            if (r.sampleRate() > 0) {
                o.put("startSeconds", row.startSeconds());
                o.put("endSeconds", row.endSeconds());
            }
            o.put("startSample", row.startSample());
            o.put("endSample", row.endSample());
            ObjectNode values = o.putObject("outputs");
            row.values().forEach((name, v) -> {
                if (v.length == 1) {
                    values.put(name, v[0]);
                } else {
                    ArrayNode a = values.putArray(name);
                    for (double d : v) {
                        a.add(d);
                    }
                }
            });
        }
    }

    private static String time(double seconds) {
        return Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
