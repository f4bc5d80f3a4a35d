package dev.onnxworkbench.models.serve;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model behind the server: its name, its v2 metadata, and inference on one shared ONNX Runtime
 * session (ORT's run is thread-safe, so concurrent requests share it). Checks each request against the
 * model's inputs and answers 400 with the input's name, what was expected and what was sent.
 */
public final class ServedModel {
    private final String name;
    private final ModelSession session;
    private final Map<String, ValueDescriptor> inputs = new LinkedHashMap<>();
    private final Map<String, ValueDescriptor> outputs = new LinkedHashMap<>();
    private final List<String> defaultOutputs;
    private final List<InputSpec> specs;

    /** Serves {@code session} under {@code name}; the session stays the caller's to close. */
    public ServedModel(String name, ModelSession session) {
        this(name, session, InputSpecs.of(session));
    }

    /**
     * Serves {@code session} with {@code specs} (the model's inputs as {@link InputSpecs#derive} sees them: the
     * categories its encoders know); every request becomes an {@link InputSet} through them.
     */
    public ServedModel(String name, ModelSession session, List<InputSpec> specs) {
        this.name = name;
        this.session = session;
        this.specs = List.copyOf(specs);
        for (ValueDescriptor d : session.inputs()) {
            inputs.put(d.name(), d);
        }
        for (ValueDescriptor d : session.outputs()) {
            outputs.put(d.name(), d);
        }
        // Sequences and maps (ZipMap) have no v2 datatype; answer with the tensor outputs unless asked.
        defaultOutputs = session.outputs().stream().filter(d -> d.kind() == ValueDescriptor.Kind.TENSOR)
                .map(ValueDescriptor::name).toList();
    }

    public String name() {
        return name;
    }

    public ModelSession session() {
        return session;
    }

    /** The v2 datatype name of a tensor input or output ("FP32"), or the ONNX type text when it has none. */
    static String datatype(ValueDescriptor d) {
        if (d.kind() != ValueDescriptor.Kind.TENSOR || d.elementType() == null) {
            return d.typeText();
        }
        return V2Datatype.of(d.elementType()).map(Enum::name).orElse(d.elementType().displayName());
    }

    /** {@code GET /v2/models/NAME}: name, versions, platform, inputs and outputs with datatype and shape. */
    void writeMetadata(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeArrayFieldStart("versions");
        g.writeString("1");
        g.writeEndArray();
        g.writeStringField("platform", "onnxruntime_onnx");
        g.writeArrayFieldStart("inputs");
        for (ValueDescriptor d : inputs.values()) {
            writeTensorMetadata(g, d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("outputs");
        for (String output : defaultOutputs) {
            writeTensorMetadata(g, outputs.get(output));
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeTensorMetadata(JsonGenerator g, ValueDescriptor d) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", d.name());
        g.writeStringField("datatype", datatype(d));
        g.writeArrayFieldStart("shape");
        for (long dim : d.shape()) {
            g.writeNumber(Math.max(dim, -1));
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Runs one parsed request and writes the v2 response. */
    void infer(InferRequest request, JsonGenerator g) throws HttpError, IOException {
        Map<String, HostTensor> values = new LinkedHashMap<>();
        for (RequestTensor tensor : request.inputs()) {
            ValueDescriptor d = inputs.get(tensor.name());
            if (d == null) {
                throw new HttpError(400, "The model '" + name + "' has no input '" + tensor.name()
                        + "'; its inputs are " + String.join(", ", inputs.keySet()) + ".");
            }
            if (values.containsKey(tensor.name())) {
                throw new HttpError(400, "The input '" + tensor.name() + "' was sent twice.");
            }
            values.put(tensor.name(), RequestTensors.toHostTensor(tensor, d));
        }
        List<String> missing = new ArrayList<>();
        for (ValueDescriptor d : inputs.values()) {
            if (!values.containsKey(d.name())) {
                missing.add(d.name() + " (" + datatype(d) + " " + RequestTensors.shapeText(d.shape()) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new HttpError(400, "The request is missing the input" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + ".");
        }
        values = asInputSet(values);
        Set<String> wanted = new LinkedHashSet<>(request.outputs().isEmpty() ? defaultOutputs : request.outputs());
        for (String output : wanted) {
            ValueDescriptor d = outputs.get(output);
            if (d == null) {
                throw new HttpError(400, "The model '" + name + "' has no output '" + output + "'; its outputs are "
                        + String.join(", ", outputs.keySet()) + ".");
            }
            if (d.kind() != ValueDescriptor.Kind.TENSOR) {
                throw new HttpError(400, "The output '" + output + "' is a " + d.typeText()
                        + ", which the v2 protocol cannot carry; ask for tensor outputs only.");
            }
        }
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (Map.Entry<String, HostTensor> e : values.entrySet()) {
                feeds.put(e.getKey(), OrtValues.toOnnxTensor(session.environment(), e.getValue()));
            }
            try (OrtSession.Result result = session.ortSession().run(feeds, wanted)) {
                writeResponse(request, result, g);
            }
        } catch (OrtException e) {
            boolean clientsFault = e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT
                    || e.getCode() == OrtException.OrtErrorCode.ORT_FAIL;
            throw new HttpError(clientsFault ? 400 : 500, "ONNX Runtime could not run the model: "
                    + firstLine(e.getMessage()));
        } catch (WorkbenchException e) {
            throw new HttpError(400, e.getMessage());
        } finally {
            for (OnnxTensor t : feeds.values()) {
                t.close();
            }
        }
    }

    private void writeResponse(InferRequest request, OrtSession.Result result, JsonGenerator g)
            throws IOException, WorkbenchException {
        g.writeStartObject();
        g.writeStringField("model_name", name);
        g.writeStringField("model_version", "1");
        if (request.id() != null) {
            g.writeStringField("id", request.id());
        }
        g.writeArrayFieldStart("outputs");
        for (Map.Entry<String, OnnxValue> e : result) {
            if (!(OrtValues.toOutputValue(e.getValue()) instanceof OutputValue.TensorValue(HostTensor t))) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("name", e.getKey());
            g.writeStringField("datatype", V2Datatype.of(t.elementType()).map(Enum::name)
                    .orElse(t.elementType().displayName()));
            g.writeArrayFieldStart("shape");
            for (long dim : t.shape()) {
                g.writeNumber(dim);
            }
            g.writeEndArray();
            g.writeFieldName("data");
            ResponseValues.write(g, t);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The request's tensors as an {@link InputSet}: the same road the form, {@code run} and {@code predict-batch}
     * take, so a string the encoder does not know is refused here with the text they give.
     */
    private Map<String, HostTensor> asInputSet(Map<String, HostTensor> values) throws HttpError {
        if (specs.isEmpty()) {
            return values;
        }
        InputSetBuilder set = InputSet.builder(specs);
        values.forEach((input, tensor) -> set.source(input, new InputSource.Values(tensor, "from the request")));
        try {
            return set.build().values();
        } catch (WorkbenchException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
