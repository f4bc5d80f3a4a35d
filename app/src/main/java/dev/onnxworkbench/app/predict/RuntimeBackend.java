package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.Predictor;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
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
    private static final double REPEAT_BELOW_MS = 50;
    private static final double REPEAT_BUDGET_MS = 250;
    private static final int REPEAT_RUNS = 21;

    private Predictor predictor;
    private ModelSession lastSession;

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
    public synchronized RunResult run(Path model, String provider, InputSet inputSet)
            throws WorkbenchException {
        Map<String, HostTensor> inputs = inputSet.values();
        if (predictor == null) {
            predictor = new Predictor(factories.get());
        }
        ExecutionProvider chosen = ExecutionProvider.parse(provider)
                .orElseThrow(() -> new WorkbenchException("Unknown execution provider " + provider + "."));
        ModelSession session = predictor.session(model, settings.apply(chosen));
        boolean fresh = session != lastSession;
        lastSession = session;
        PredictionResult result = session.run(inputs);
        List<OutputValue> outputs = new ArrayList<>();
        result.outputs().forEach((name, value) -> outputs.add(view(name, value)));
        List<Double> times = steadyTimes(session, inputs, result.latencyMillis(), fresh);
        return new RunResult(outputs, result.outputs(), dev.onnxworkbench.models.bench.LatencyStats.ofMillis(times.stream().mapToDouble(Double::doubleValue).toArray()).p50(), chosen.displayName(), times.size(),
                fresh ? result.latencyMillis() : Double.NaN);
    }

    /**
     * One run's time is mostly noise for a fast model: a fresh session's first run does one-time setup, and on a
     * busy machine ONNX Runtime's thread pool may wait for a core (silero VAD: 30 ms first, 0.15 ms steady). So a
     * run under {@link #REPEAT_BELOW_MS} is repeated within {@link #REPEAT_BUDGET_MS} and the median is reported,
     * the first run of a fresh session left out, as Compare Providers does with its warm-up.
     */
    private static List<Double> steadyTimes(ModelSession session, Map<String, HostTensor> inputs, double firstMs,
                                            boolean fresh) throws WorkbenchException {
        List<Double> times = new ArrayList<>();
        if (!fresh) {
            times.add(firstMs);
        }
        if (firstMs < REPEAT_BELOW_MS) {
            long deadline = System.nanoTime() + (long) (REPEAT_BUDGET_MS * 1e6);
            while (times.size() < REPEAT_RUNS && System.nanoTime() < deadline) {
                times.add(session.run(inputs).latencyMillis());
            }
        }
        return times.isEmpty() ? List.of(firstMs) : times;
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
