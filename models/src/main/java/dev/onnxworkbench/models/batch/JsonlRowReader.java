package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;

/** JSON Lines: one object per line, keys are column names; arrays are kept as JSON text for multi-value inputs. */
final class JsonlRowReader implements RowReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private final List<String> columns = new ArrayList<>();
    private long number;

    private JsonlRowReader(BufferedReader in) {
        this.in = in;
    }

    static JsonlRowReader open(Path file) throws WorkbenchException {
        try {
            return new JsonlRowReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WorkbenchException("Could not read " + file + ": " + IoReasons.of(e), e);
        }
    }

    /** Columns seen so far; the batch predictor checks inputs against each row instead. */
    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Row next() throws IOException, RowException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        number++;
        ObjectNode object = JSON.createObjectNode();
        Map<String, String> literals = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowException(number, line, "each line must be a JSON object of column values");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                    literals.put(name, p.getText()); // as written: 1e999 stays 1e999 in messages, as typed elsewhere
                }
                object.set(name, JSON.readTree(p));
            }
            if (p.nextToken() != null) {
                throw new RowException(number, line, "each line must hold one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new RowException(number, line, "not JSON: " + e.getOriginalMessage());
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!columns.contains(name)) {
                columns.add(name);
            }
        }
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            JsonNode v = object.get(columns.get(i));
            cells[i] = v == null || v.isNull() ? null : v.isValueNode() ? literals.get(columns.get(i)) : v.toString();
        }
        return new Row(number, cells, object);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
