package dev.onnxworkbench.models.tensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads JSON values: a nested array ({@code [[1, 2], [3, 4]]}, its nesting is the shape), a bare scalar,
 * or an object keyed by input name ({@code {"age": [[35]], "sex": [["male"]]}}) from which the requested
 * input's entry is taken.
 */
final class JsonTensorReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTensorReader() {
    }

    static HostTensor read(Path file, TensorRequest request) throws WorkbenchException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new TensorFormatException(file.getFileName() + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ").", e);
        } catch (IOException e) {
            throw new TensorFormatException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new TensorFormatException(file.getFileName() + " is empty; write the values as a JSON array.");
        }
        String where = file.getFileName().toString();
        if (root.isObject()) {
            JsonNode entry = root.get(request.name());
            if (entry == null) {
                List<String> names = new ArrayList<>();
                root.fieldNames().forEachRemaining(names::add);
                throw new TensorFormatException(where + " has no entry for the input '" + request.name()
                        + "' (it has " + (names.isEmpty() ? "none" : String.join(", ", names)) + ").");
            }
            root = entry;
            where = where + " [" + request.name() + "]";
        }
        return fromNode(root, request, where);
    }

    /** Values from a JSON node: nested arrays (their nesting is the shape) or a single value. */
    static HostTensor fromNode(JsonNode node, TensorRequest request, String where) throws WorkbenchException {
        List<Long> shape = new ArrayList<>();
        JsonNode n = node;
        while (n.isArray()) {
            shape.add((long) n.size());
            if (n.isEmpty()) {
                break;
            }
            n = n.get(0);
        }
        long[] found = shape.stream().mapToLong(Long::longValue).toArray();
        List<Object> values = new ArrayList<>();
        flatten(node, 0, found, values, where);
        long[] target = request.reconcile(found, values.size(), where);
        return TextValues.build(request.elementType(), target, values, where);
    }

    private static void flatten(JsonNode node, int depth, long[] shape, List<Object> out, String where)
            throws TensorFormatException {
        if (depth < shape.length) {
            if (!node.isArray() || node.size() != shape[depth]) {
                throw new TensorFormatException(where + " is ragged: at depth " + (depth + 1) + " a list has "
                        + (node.isArray() ? node.size() + " entries" : "a single value") + " where " + shape[depth]
                        + " were expected. Every row must have the same length.");
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                flatten(it.next(), depth + 1, shape, out, where);
            }
            return;
        }
        if (node.isNumber()) {
            out.add(node.numberValue());
        } else if (node.isBoolean()) {
            out.add(node.booleanValue());
        } else if (node.isTextual()) {
            out.add(node.textValue());
        } else if (node.isNull()) {
            out.add("NaN");
        } else {
            throw new TensorFormatException(where + " has " + (node.isArray() ? "a list" : "an object")
                    + " where a single value belongs: every row must be nested equally deep.");
        }
    }
}
