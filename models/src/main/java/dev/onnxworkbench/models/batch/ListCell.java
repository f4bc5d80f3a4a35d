package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Splits a cell that holds several values: a JSON array (nested arrays are flattened, row-major). */
final class ListCell {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ListCell() {
    }

    static String[] split(String cell, boolean strings) {
        String text = cell.strip();
        if (!text.startsWith("[")) {
            throw new IllegalArgumentException("a JSON array of values was expected, not '" + shorten(text) + "'");
        }
        if (!strings) {
            String flat = text.replace("[", "").replace("]", "").strip();
            return flat.isEmpty() ? new String[0] : flat.split(",");
        }
        try {
            List<String> out = new ArrayList<>();
            flatten(JSON.readTree(text), out);
            return out.toArray(String[]::new);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON array: " + e.getOriginalMessage());
        }
    }

    private static void flatten(JsonNode node, List<String> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            out.add(node.asText());
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
