package dev.onnxworkbench.models.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits as a JSON file, so an edit made once (in the window, Edit ▸ Save Edits…) repeats on the next export
 * of the model ({@code edit MODEL --script edits.json}):
 * <pre>{"edits": [{"op": "rename", "from": "x", "to": "image"},
 *            {"op": "setShape", "input": "image", "dims": ["1", "3", "640", "640"]},
 *            {"op": "setDimension", "input": "image", "axis": 0, "dim": "batch"},
 *            {"op": "addOutput", "tensor": "t"}, {"op": "removeOutput", "tensor": "t"},
 *            {"op": "deleteNode", "node": "n"}, {"op": "setAttribute", "node": "n", "attribute": "alpha", "value": "0.2"},
 *            {"op": "replaceWeight", "tensor": "w", "file": "w.npy"},
 *            {"op": "extract", "inputs": ["a"], "outputs": ["b"]}, {"op": "convertOpset", "target": 17},
 *            {"op": "cleanUp"}]}</pre>
 * A weight file's relative path is resolved against the script's folder.
 */
public final class EditScript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EditScript() {
    }

    public static List<Edit> read(Path script) throws EditException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(script));
        } catch (IOException e) {
            throw new EditException("Cannot read the edit script " + script + ": " + e.getMessage());
        }
        JsonNode edits = root == null ? null : root.get("edits");
        if (edits == null || !edits.isArray()) {
            throw new EditException("The edit script " + script.getFileName() + " has no \"edits\" array.");
        }
        Path folder = script.toAbsolutePath().getParent();
        List<Edit> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : edits) {
            i++;
            String where = script.getFileName() + ", edit " + i;
            String op = text(e, "op", where);
            out.add(switch (op) {
                case "rename" -> new Edit.Rename(text(e, "from", where), text(e, "to", where));
                case "setShape" -> new Edit.SetInputShape(text(e, "input", where), strings(e, "dims", where));
                case "setDimension" -> new Edit.SetDimension(text(e, "input", where), e.path("axis").asInt(-1), text(e, "dim", where));
                case "addOutput" -> new Edit.AddOutput(text(e, "tensor", where));
                case "removeOutput" -> new Edit.RemoveOutput(text(e, "tensor", where));
                case "deleteNode" -> new Edit.DeleteNode(text(e, "node", where));
                case "setAttribute" -> new Edit.SetAttribute(text(e, "node", where), text(e, "attribute", where),
                        text(e, "value", where));
                case "replaceWeight" -> new Edit.ReplaceTensor(text(e, "tensor", where), folder.resolve(text(e, "file", where)));
                case "extract" -> new Edit.Extract(strings(e, "inputs", where), strings(e, "outputs", where));
                case "convertOpset" -> new Edit.ConvertOpset(e.path("target").asInt(-1));
                case "cleanUp" -> new Edit.CleanUp();
                default -> throw new EditException(where + ": unknown op '" + op + "'.");
            });
        }
        return out;
    }

    /** Writes the edits (inverses and restores are not edits a user made, and are never written). */
    public static void write(List<Edit> edits, Path script) throws EditException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("edits");
        Path folder = script.toAbsolutePath().getParent();
        for (Edit edit : edits) {
            ObjectNode e = list.addObject();
            switch (edit) {
                case Edit.Rename r -> e.put("op", "rename").put("from", r.from()).put("to", r.to());
                case Edit.SetInputShape s -> {
                    e.put("op", "setShape").put("input", s.input());
                    s.dims().forEach(e.putArray("dims")::add);
                }
                case Edit.SetDimension d -> e.put("op", "setDimension").put("input", d.input()).put("axis", d.axis())
                        .put("dim", d.dim());
                case Edit.AddOutput a -> e.put("op", "addOutput").put("tensor", a.tensor());
                case Edit.RemoveOutput r -> e.put("op", "removeOutput").put("tensor", r.tensor());
                case Edit.DeleteNode d -> e.put("op", "deleteNode").put("node", d.node());
                case Edit.SetAttribute a -> e.put("op", "setAttribute").put("node", a.node()).put("attribute", a.attribute())
                        .put("value", a.value());
                case Edit.ReplaceTensor r -> e.put("op", "replaceWeight").put("tensor", r.tensor())
                        .put("file", relative(folder, r.file()));
                case Edit.Extract x -> {
                    e.put("op", "extract");
                    x.inputs().forEach(e.putArray("inputs")::add);
                    x.outputs().forEach(e.putArray("outputs")::add);
                }
                case Edit.ConvertOpset c -> e.put("op", "convertOpset").put("target", c.target());
                case Edit.CleanUp c -> e.put("op", "cleanUp");
                case Edit.Restore r -> throw new IllegalArgumentException("a restore is not a user's edit");
            }
        }
        try {
            Files.writeString(script, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new EditException("Cannot write the edit script " + script + ": " + e.getMessage());
        }
    }

    private static String relative(Path folder, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(folder) ? folder.relativize(absolute).toString() : absolute.toString();
    }

    private static String text(JsonNode e, String field, String where) throws EditException {
        JsonNode v = e.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw new EditException(where + ": \"" + field + "\" is missing.");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode e, String field, String where) throws EditException {
        JsonNode v = e.get(field);
        if (v == null || !v.isArray()) {
            throw new EditException(where + ": \"" + field + "\" must be an array.");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }
}
