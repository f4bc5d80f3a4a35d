package dev.onnxworkbench.models.runtime.inputs;

import java.util.ArrayList;
import java.util.List;

/** Reads the name lists models carry in metadata (feature names, class labels): a JSON array or a comma list. */
public final class NameList {
    private NameList() {}

    /** {@code ["a","b"]}, {@code a, b} or one name per line; empty when absent or blank. */
    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String body = text.strip();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        String separator = body.contains(",") ? "," : "\\R";
        List<String> names = new ArrayList<>();
        for (String part : body.split(separator)) {
            String name = part.strip();
            if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                    || name.startsWith("'") && name.endsWith("'"))) {
                name = name.substring(1, name.length() - 1);
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
