package dev.onnxworkbench.models.runtime.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code inputs} JSON field of {@code run}, {@code bench} and exports: {@code [{name, type, shape, source}]}. */
public final class InputSetJson {
    private InputSetJson() {}

    /** Puts {@code "inputs": [{"name": "x", "type": "float32", "shape": [1,3,640,640], "source": "random, seed 1"}]}. */
    public static ArrayNode put(ObjectNode parent, List<InputDescription> inputs) {
        ArrayNode array = parent.putArray("inputs");
        for (InputDescription d : inputs) {
            ObjectNode o = array.addObject();
            o.put("name", d.name());
            o.put("type", d.type());
            ArrayNode shape = o.putArray("shape");
            for (long s : d.shape()) {
                shape.add(s);
            }
            o.put("source", d.source());
        }
        return array;
    }

    /**
     * As {@link #put(ObjectNode, List)}, plus {@code "recipe"} for values made from a file: the path and, for a
     * picture or a recording, its preprocessing ({@code {"kind": "image", "path", "imageSize": "640x640",
     * "resize", "layout", "channels", "scaling"}}), as an input-set file stores it.
     */
    public static ArrayNode put(ObjectNode parent, InputSet set) {
        ArrayNode array = put(parent, set.describe());
        for (int i = 0; i < set.specs().size(); i++) {
            if (set.source(set.specs().get(i).name()) instanceof InputSource.Values v && v.recipe() != null) {
                InputSetFile.recipe(((ObjectNode) array.get(i)).putObject("recipe"), v.recipe(), null);
            }
        }
        return array;
    }

    /** Reads what {@link #put} wrote; an absent or malformed field gives an empty list. */
    public static List<InputDescription> read(JsonNode inputs) {
        List<InputDescription> result = new ArrayList<>();
        if (inputs == null || !inputs.isArray()) {
            return result;
        }
        for (JsonNode o : inputs) {
            long[] shape = new long[o.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = o.path("shape").get(i).asLong();
            }
            result.add(new InputDescription(o.path("name").asText(), o.path("type").asText(), shape,
                    o.path("source").asText()));
        }
        return result;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
