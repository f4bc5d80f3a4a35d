package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.Predictor;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link PredictionBackend} on the runtime's {@link Predictor}: it keeps the session of the current model
 * and provider open and closes every native value of a run. The session factory is made on first use
 * (preparing ONNX Runtime's native libraries), which happens on the background thread of the first run.
 */
final class RuntimeBackend implements PredictionBackend {

    private final Supplier<SessionFactory> factories;
    private final java.util.function.Function<ExecutionProvider, ProviderSettings> settings;
    private Predictor predictor;

    RuntimeBackend(Supplier<SessionFactory> factories) {
        this(factories, ProviderSettings::defaults);
    }

    /** @param settings the session settings for a provider (a loaded session config, else the defaults) */
    RuntimeBackend(Supplier<SessionFactory> factories,
                   java.util.function.Function<ExecutionProvider, ProviderSettings> settings) {
        this.factories = factories;
        this.settings = settings;
    }

    @Override
    public List<String> providers() {
        return Arrays.stream(ExecutionProvider.values()).map(ExecutionProvider::displayName).toList();
    }

    @Override
    public synchronized RunResult run(Path model, String provider, Map<String, HostTensor> inputs)
            throws WorkbenchException {
        if (predictor == null) {
            predictor = new Predictor(factories.get());
        }
        ExecutionProvider chosen = ExecutionProvider.parse(provider)
                .orElseThrow(() -> new WorkbenchException("Unknown execution provider " + provider + "."));
        PredictionResult result = predictor.predict(model, settings.apply(chosen), inputs);
        List<OutputValue> outputs = new ArrayList<>();
        result.outputs().forEach((name, value) -> outputs.add(view(name, value)));
        return new RunResult(outputs, result.outputs(), result.latencyMillis(), chosen.displayName());
    }

    /** The runtime's output values as the outputs view shows them: tensors, ZipMap rows, or a description. */
    static OutputValue view(String name, dev.onnxworkbench.models.tensor.OutputValue value) {
        return switch (value) {
            case dev.onnxworkbench.models.tensor.OutputValue.TensorValue t -> new OutputValue.TensorOutput(name, t.tensor());
            case dev.onnxworkbench.models.tensor.OutputValue.SequenceValue s when !s.asMaps().isEmpty() -> {
                List<Map<String, Double>> rows = new ArrayList<>();
                for (Map<Object, Object> map : s.asMaps()) {
                    Map<String, Double> row = new LinkedHashMap<>();
                    map.forEach((k, v) -> row.put(String.valueOf(k), v instanceof Number n ? n.doubleValue() : Double.NaN));
                    rows.add(row);
                }
                yield new OutputValue.MapsOutput(name, rows);
            }
            default -> new OutputValue.OtherOutput(name, value.describe());
        };
    }

    @Override
    public synchronized void close() {
        if (predictor != null) {
            predictor.close();
        }
    }
}
