package dev.onnxworkbench.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Client snippets for a v2 infer request: a {@code curl} command line and a Python {@code requests}
 * script, built from a request body. Bodies with many values are shown with their data elided, and the
 * snippets read the full body from {@code request.json} (the panel saves it).
 */
final class Snippets {
    /** More values than this and the snippets read the body from a file instead of inlining it. */
    static final int INLINE_VALUES = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Pair(String curl, String python, boolean inline) {
    }

    private Snippets() {
    }

    static Pair of(String inferUrl, String body, String token) {
        return of(inferUrl, body, token, java.util.List.of());
    }

    /**
     * As {@link #of(String, String, String)}, headed by {@code preprocessing}: one comment line per input made from
     * a picture or a recording, saying how (the body holds the preprocessed tensor, not the file).
     */
    static Pair of(String inferUrl, String body, String token, java.util.List<String> preprocessing) {
        StringBuilder header = new StringBuilder();
        for (String line : preprocessing) {
            header.append("# ").append(line.replace('\n', ' ')).append('\n');
        }
        Pair plain = plain(inferUrl, body, token);
        return new Pair(header + plain.curl(), header + plain.python(), plain.inline());
    }

    private static Pair plain(String inferUrl, String body, String token) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long values = 0;
        for (JsonNode input : tree.path("inputs")) {
            values += input.path("data").size();
        }
        boolean inline = values <= INLINE_VALUES;
        String auth = token == null ? "" : " \\\n  -H 'Authorization: Bearer " + token + "'";
        String curl = inline
                ? "curl -s -X POST " + inferUrl + " \\\n  -H 'Content-Type: application/json'" + auth
                        + " \\\n  -d '" + body.replace("'", "'\\''") + "'"
                : "# " + values + " input values: the body is in request.json (Save request.json…)\n"
                        + "curl -s -X POST " + inferUrl + " \\\n  -H 'Content-Type: application/json'" + auth
                        + " \\\n  -d @request.json";
        StringBuilder py = new StringBuilder("import requests\n");
        if (inline) {
            py.append("\nbody = ");
            python(tree, py, 0);
            py.append('\n');
        } else {
            py.append("import json\n\n# ").append(values).append(" input values, saved with 'Save request.json…'\n")
                    .append("with open(\"request.json\") as f:\n    body = json.load(f)\n");
        }
        py.append("\nr = requests.post(\"").append(inferUrl).append("\", json=body, timeout=30")
                .append(token == null ? "" : ",\n                  headers={\"Authorization\": \"Bearer " + token
                        + "\"}").append(")\n")
                .append("r.raise_for_status()\n")
                .append("for out in r.json()[\"outputs\"]:\n")
                .append("    print(out[\"name\"], out[\"shape\"], out[\"data\"])\n");
        return new Pair(curl, py.toString(), inline);
    }

    /** JSON as a Python literal: True/False/None, strings in JSON's (valid Python) escaping. */
    private static void python(JsonNode node, StringBuilder out, int indent) {
        switch (node) {
            case ObjectNode o -> {
                out.append("{\n");
                Iterator<Map.Entry<String, JsonNode>> fields = o.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    out.append("    ".repeat(indent + 1)).append(quote(e.getKey())).append(": ");
                    python(e.getValue(), out, indent + 1);
                    out.append(fields.hasNext() ? ",\n" : "\n");
                }
                out.append("    ".repeat(indent)).append('}');
            }
            case ArrayNode a -> {
                boolean flat = a.isEmpty() || a.get(0).isValueNode();
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (!flat) {
                        out.append('\n').append("    ".repeat(indent + 1));
                    }
                    python(a.get(i), out, indent + 1);
                    if (i + 1 < a.size()) {
                        out.append(flat ? ", " : ",");
                    }
                }
                if (!flat) {
                    out.append('\n').append("    ".repeat(indent));
                }
                out.append(']');
            }
            default -> {
                if (node.isBoolean()) {
                    out.append(node.asBoolean() ? "True" : "False");
                } else if (node.isNull()) {
                    out.append("None");
                } else if (node.isTextual()) {
                    out.append(quote(node.asText()));
                } else {
                    out.append(node.toString());
                }
            }
        }
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
