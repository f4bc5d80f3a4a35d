package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens written models in ONNX Runtime and runs them on the original model's inputs; float inputs are handed
 * over as float16 where the written model takes float16 (a converted model without {@code keepIoTypes}).
 */
public final class ModelVerifier {
    private final SessionFactory factory;
    private final ProviderSettings settings;

    public ModelVerifier(SessionFactory factory, ProviderSettings settings) {
        this.factory = factory;
        this.settings = settings;
    }

    public SessionFactory factory() {
        return factory;
    }

    public ProviderSettings settings() {
        return settings;
    }

    /** Loads {@code model} and runs it once on {@code sample}; never throws for a model that fails. */
    public ModelCheck check(Path model, Map<String, HostTensor> sample) {
        try (ModelSession session = factory.open(model, settings)) {
            PredictionResult r = session.run(adapt(session, sample));
            return new ModelCheck(true, "loaded in ONNX Runtime (" + settings.provider().displayName()
                    + ") and ran on " + describe(sample) + " in " + String.format(java.util.Locale.ROOT, "%.1f ms",
                    r.latencyMillis()));
        } catch (WorkbenchException e) {
            return new ModelCheck(false, "the written model " + model.getFileName() + " does not run in ONNX Runtime: "
                    + e.getMessage());
        }
    }

    /** Runs {@code model} (already open) on {@code sample}, adapting float ↔ float16 inputs. */
    static PredictionResult run(ModelSession session, Map<String, HostTensor> sample) throws WorkbenchException {
        return session.run(adapt(session, sample));
    }

    static Map<String, HostTensor> adapt(ModelSession session, Map<String, HostTensor> sample)
            throws WorkbenchException {
        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        for (ValueDescriptor d : session.inputs()) {
            HostTensor v = sample.get(d.name());
            if (v != null && d.elementType() != null && d.elementType() != v.elementType()) {
                v = convert(v, d.elementType());
            }
            if (v != null) {
                feeds.put(d.name(), v);
            }
        }
        return feeds;
    }

    static HostTensor convert(HostTensor v, ElementType to) throws WorkbenchException {
        if (v.elementType() == ElementType.FLOAT && to == ElementType.FLOAT16) {
            int n = (int) v.elementCount();
            ByteBuffer b = ByteBuffer.allocateDirect(n * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                b.putShort(i * 2, Float.floatToFloat16((float) v.getDouble(i)));
            }
            return HostTensor.ofRaw(ElementType.FLOAT16, v.shape(), b);
        }
        return v;
    }

    /** A float view of a float16 output, for comparisons with the float32 original. */
    static HostTensor toFloat(HostTensor v) throws WorkbenchException {
        if (v.elementType() != ElementType.FLOAT16) {
            return v;
        }
        int n = (int) v.elementCount();
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) v.getDouble(i);
        }
        return HostTensor.ofFloats(v.shape(), f);
    }

    static String describe(Map<String, HostTensor> sample) {
        StringBuilder b = new StringBuilder();
        sample.forEach((name, t) -> {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(name).append(' ').append(dev.onnxworkbench.models.tensor.Shapes.format(t.shape()));
        });
        return b.toString();
    }
}
