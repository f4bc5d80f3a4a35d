package dev.onnxworkbench.models.memory;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes each tensor of a run will take, as far as they can be known before running: a shape pass (the model
 * with its inputs' concrete shapes and every tensor marked as an output, loaded but not run, so ONNX Runtime's
 * shape inference sizes what it can), then the real sizes of the tensors already fetched. A tensor of unknown size
 * (data-dependent shapes, a Resize whose scales are computed) is estimated as the largest tensor known so far,
 * since activations of one network change size gradually. Not thread-safe.
 */
public final class ActivationSizes {
    private final Map<String, Long> bytes = new HashMap<>();
    private long largest;

    private ActivationSizes() {
    }

    /** No sizes known in advance: only the inputs' sizes seed the estimate. */
    public static ActivationSizes unknown(Map<String, HostTensor> inputs) {
        ActivationSizes s = new ActivationSizes();
        for (HostTensor t : inputs.values()) {
            s.largest = Math.max(s.largest, bytesOf(t));
        }
        return s;
    }

    /**
     * Sizes from a shape pass on the CPU with graph optimizations off (nothing is computed; a session is created
     * and closed). When the pass fails (an unusual model, a custom operator) every size stays unknown, which only
     * makes the batches follow the real sizes instead.
     */
    public static ActivationSizes probe(Path model, Map<String, HostTensor> inputs, SessionFactory factory) {
        ActivationSizes s = unknown(inputs);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        inputs.forEach((name, t) -> shapes.put(name, t.shape()));
        try (DerivedModel derived = ModelRewriter.open(model).withInputShapes(shapes).markAllOutputs().write();
             ModelSession session = factory.open(derived.path(), ProviderSettings.cpu(), ActivationSizes::loadOnly)) {
            for (ValueDescriptor d : session.outputs()) {
                long size = bytesOf(d);
                if (size >= 0) {
                    s.bytes.put(d.name(), size);
                }
            }
        } catch (WorkbenchException | RuntimeException e) {
            // Unknown sizes: batches are sized from the real sizes as they arrive.
        }
        return s;
    }

    private static void loadOnly(OrtSession.SessionOptions options) throws OrtException {
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        options.setCPUArenaAllocator(false);
    }

    /** How many tensors' sizes the shape pass knew. */
    public int knownCount() {
        return bytes.size();
    }

    /** The size of {@code tensor}: known, or estimated as the largest tensor seen so far. */
    public long estimate(String tensor) {
        Long known = bytes.get(tensor);
        return known != null ? known : Math.max(64, largest);
    }

    /** Records a real size (a fetched tensor); it also raises the estimate for unknown tensors. */
    public void record(String tensor, long size) {
        bytes.put(tensor, size);
        largest = Math.max(largest, size);
    }

    /** Bytes of a tensor's values (64 for strings, sequences and maps: small, and not what fills memory). */
    public static long bytesOf(HostTensor t) {
        return t.isString() ? 64 : t.elementType().byteSize(t.elementCount());
    }

    private static long bytesOf(ValueDescriptor d) {
        if (d.kind() != ValueDescriptor.Kind.TENSOR || d.elementType() == null) {
            return -1;
        }
        long count = 1;
        for (long dim : d.shape()) {
            if (dim < 0) {
                return -1;
            }
            count = Math.multiplyExact(count, Math.max(dim, 0));
        }
        return d.elementType() == dev.onnxworkbench.models.graph.ElementType.STRING ? 64
                : d.elementType().byteSize(count);
    }
}
