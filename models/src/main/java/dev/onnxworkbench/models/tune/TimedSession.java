package dev.onnxworkbench.models.tune;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.OutputComparison;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One candidate's session with its native input tensors made once: the clock is read right before and right
 * after {@code session.run}, nothing else inside (as in the benchmark). Closes both.
 */
final class TimedSession implements AutoCloseable {
    private final OrtSession session;
    private final Map<String, OnnxTensor> feed = new HashMap<>();
    final double createMs;

    TimedSession(SessionFactory sessions, Path model, ProviderSettings settings, Map<String, HostTensor> inputs)
            throws WorkbenchException, OrtException {
        OrtEnvironment env = sessions.environment();
        long t0 = System.nanoTime();
        try (OrtSession.SessionOptions options = sessions.sessionOptions(settings)) {
            session = env.createSession(model.toString(), options);
        }
        createMs = (System.nanoTime() - t0) / 1e6;
        try {
            for (String name : session.getInputNames()) {
                HostTensor value = inputs.get(name);
                if (value == null) {
                    throw new WorkbenchException("The inputs have no value for the model's input '" + name + "'.");
                }
                feed.put(name, OrtValues.toOnnxTensor(env, value));
            }
        } catch (WorkbenchException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** One run; its outputs copied to the heap for comparison. */
    Map<String, OutputComparison.Values> outputs() throws OrtException {
        try (OrtSession.Result result = session.run(feed)) {
            return OutputComparison.capture(result);
        }
    }

    /** One timed run, in nanoseconds. */
    @SuppressWarnings("try") // the result is opened only to be closed
    long timedRun() throws OrtException {
        long t0 = System.nanoTime();
        OrtSession.Result result = session.run(feed);
        long t1 = System.nanoTime();
        result.close();
        return t1 - t0;
    }

    @Override
    public void close() {
        feed.values().forEach(OnnxTensor::close);
        feed.clear();
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session that ran is not expected to fail; nothing to do about it here
        }
    }
}
