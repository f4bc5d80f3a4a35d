package dev.onnxworkbench.models.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds a v2 infer request body from input values: what loadtest sends and the Serve panel's snippets show. */
public final class V2RequestBody {
    private V2RequestBody() {
    }

    /** {@code {"id": …, "inputs": [{name, shape, datatype, data}]}} with flat row-major data; id may be null. */
    public static String json(Map<String, HostTensor> inputs, String id, boolean pretty) throws WorkbenchException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = InferRequestParser.JSON.createGenerator(text)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            if (id != null) {
                g.writeStringField("id", id);
            }
            g.writeArrayFieldStart("inputs");
            for (Map.Entry<String, HostTensor> e : inputs.entrySet()) {
                HostTensor t = e.getValue();
                V2Datatype type = V2Datatype.of(t.elementType()).orElseThrow(() -> new WorkbenchException(
                        "The input '" + e.getKey() + "' is " + t.elementType().displayName()
                                + ", which the v2 protocol has no datatype for."));
                g.writeStartObject();
                g.writeStringField("name", e.getKey());
                g.writeArrayFieldStart("shape");
                for (long d : t.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeStringField("datatype", type.name());
                g.writeFieldName("data");
                ResponseValues.write(g, t);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a StringWriter does not fail
        }
        return text.toString();
    }
}
