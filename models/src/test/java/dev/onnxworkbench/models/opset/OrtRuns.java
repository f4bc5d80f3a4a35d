package dev.onnxworkbench.models.opset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs models in ONNX Runtime (CPU, one thread) and compares tensors, for conversion and edit tests. */
public final class OrtRuns {
    private static final ProviderSettings CPU = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");

    private OrtRuns() {
    }

    /** A float tensor of the shape filled with a smooth, sign-changing ramp (sin of the index). */
    public static HostTensor ramp(long... shape) throws Exception {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i * 0.37);
        }
        return HostTensor.ofFloats(shape, v);
    }

    public static Map<String, HostTensor> run(Path model, Map<String, HostTensor> inputs) throws Exception {
        try (ModelSession session = TestSessions.factory().open(model, CPU)) {
            PredictionResult r = session.run(inputs);
            Map<String, HostTensor> out = new LinkedHashMap<>();
            r.outputs().forEach((name, value) -> out.put(name, ((OutputValue.TensorValue) value).tensor()));
            return out;
        }
    }

    /** Same shape and every element within {@code tolerance} (absolute, plus relative for large values). */
    public static double assertClose(String name, HostTensor actual, HostTensor expected, double tolerance) {
        assertThat(actual.shape()).as(name + " shape").containsExactly(expected.shape());
        double worst = 0;
        for (long i = 0; i < expected.elementCount(); i++) {
            double e = expected.getDouble(i);
            double d = Math.abs(actual.getDouble(i) - e);
            worst = Math.max(worst, d / Math.max(1, Math.abs(e)));
        }
        assertThat(worst).as(name + " largest difference").isLessThanOrEqualTo(tolerance);
        return worst;
    }
}
