package dev.onnxworkbench.app.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's inputs and outputs as JSON: {@code {model, provider, latencyMs, inputs[{name, type,
 * shape, values}], outputs[{name, type, shape, values} | {name, maps}]}}; values flat in row-major order.
 * Blocking I/O: call from a background thread.
 */
final class PredictionExport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PredictionExport() {}

    static void write(Path file, Path model, Map<String, HostTensor> inputs, PredictionBackend.RunResult result)
            throws IOException {
        JSON.writeValue(file.toFile(), document(model, inputs, result));
    }

    static Map<String, Object> document(Path model, Map<String, HostTensor> inputs, PredictionBackend.RunResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model == null ? null : model.toString());
        doc.put("provider", result.provider());
        doc.put("latencyMs", result.latencyMs());
        List<Object> in = new ArrayList<>();
        inputs.forEach((name, t) -> in.add(tensor(new OutputValue.TensorOutput(name, t))));
        doc.put("inputs", in);
        List<Object> out = new ArrayList<>();
        for (OutputValue o : result.outputs()) {
            out.add(switch (o) {
                case OutputValue.TensorOutput t -> tensor(t);
                case OutputValue.MapsOutput m -> Map.of("name", m.name(), "maps", m.rows());
                case OutputValue.OtherOutput other -> Map.of("name", other.name(), "description", other.description());
            });
        }
        doc.put("outputs", out);
        return doc;
    }

    private static Map<String, Object> tensor(OutputValue.TensorOutput t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("type", t.elementType().displayName());
        m.put("shape", t.shape());
        List<Object> values = new ArrayList<>();
        for (long i = 0; i < t.count(); i++) {
            if (!t.isNumeric()) {
                values.add(t.strings()[(int) i]);
            } else if (t.elementType() == ElementType.BOOL) {
                values.add(t.get(i) != 0);
            } else if (t.elementType().isFloatingPoint()) {
                double v = t.get(i);
                values.add(Double.isFinite(v) ? v : NumberText.format(v));
            } else {
                values.add((long) t.get(i));
            }
        }
        m.put("values", values);
        return m;
    }
}
