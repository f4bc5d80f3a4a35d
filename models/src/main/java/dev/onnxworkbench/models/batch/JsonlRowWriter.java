package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** JSON Lines out: the row's fields as read, then the outputs, then "error" (null when the row succeeded). */
final class JsonlRowWriter implements RowWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonGenerator out;

    private JsonlRowWriter(JsonGenerator out) {
        this.out = out;
    }

    static JsonlRowWriter open(OutputStream stream) throws IOException {
        JsonGenerator g = new JsonFactory(JSON).createGenerator(new BufferedOutputStream(stream, 1 << 16));
        g.setRootValueSeparator(null);
        return new JsonlRowWriter(g);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void write(Row row, List<String> inputColumns, List<String> outputColumns, Object[] outputs, String error)
            throws IOException {
        out.writeStartObject();
        if (row.json() != null) {
            for (Map.Entry<String, JsonNode> e : row.json().properties()) {
                out.writeFieldName(e.getKey());
                out.writeTree(e.getValue());
            }
        } else {
            String[] cells = row.cells();
            for (int i = 0; i < inputColumns.size(); i++) {
                out.writeStringField(inputColumns.get(i), i < cells.length ? cells[i] : null);
            }
        }
        for (int i = 0; i < outputColumns.size(); i++) {
            out.writeFieldName(outputColumns.get(i));
            Object v = outputs == null || i >= outputs.length ? null : outputs[i];
            switch (v) {
                case null -> out.writeNull();
                case Float f -> out.writeNumber(f);
                case Double d -> out.writeNumber(d);
                case Long l -> out.writeNumber(l);
                case Boolean b -> out.writeBoolean(b);
                case JsonNode n -> out.writeTree(n);
                default -> out.writeString(v.toString());
            }
        }
        out.writeStringField("error", error);
        out.writeEndObject();
        out.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
