package dev.onnxworkbench.models.memory;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.OrtMessages;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One run of a model with tensors marked as outputs, whose values are handed over while ONNX Runtime still holds
 * them: numeric tensors as {@link HostTensor}s viewing ORT's memory in place (no heap copy), the rest copied. Nothing
 * of the run stays referenced after {@link #fetch} returns, unless the consumer copied it ({@link #ownedCopy}).
 */
public final class MarkedRun {
    /** Takes one fetched value: a {@link HostTensor} (possibly a view valid only during the call) or an {@link OutputValue}. */
    public interface Consumer {
        void accept(String name, Object value) throws WorkbenchException;
    }

    /**
     * What a run fetched.
     *
     * @param bytes   the values' bytes, by tensor name (in the order asked)
     * @param refused true when their total exceeded the caller's limit and no value was handed over
     */
    public record Fetched(Map<String, Long> bytes, boolean refused) {
        public long total() {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private MarkedRun() {
    }

    /**
     * Sessions that keep activations skip ORT's CPU memory arena: it would keep the peak of a run with many outputs
     * reserved until the session closes, and growing it for hundreds of outputs made first runs slow.
     */
    public static void lean(OrtSession.SessionOptions options) throws OrtException {
        options.setCPUArenaAllocator(false);
    }

    /** Runs {@code session} fetching {@code names} and hands each value to {@code consumer}. */
    public static Fetched fetch(ModelSession session, Map<String, HostTensor> feeds, List<String> names,
                                Consumer consumer) throws WorkbenchException {
        return fetch(session, feeds, names, Long.MAX_VALUE, consumer);
    }

    /**
     * Like {@link #fetch(ModelSession, Map, List, Consumer)}, but when the fetched values together exceed
     * {@code refuseAbove} bytes none is handed over (the result says so, with the real sizes).
     */
    public static Fetched fetch(ModelSession session, Map<String, HostTensor> feeds, List<String> names,
                                long refuseAbove, Consumer consumer) throws WorkbenchException {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (Map.Entry<String, HostTensor> e : feeds.entrySet()) {
                tensors.put(e.getKey(), OrtValues.toOnnxTensor(session.environment(), e.getValue()));
            }
            try (OrtSession.Result result = session.ortSession().run(tensors, new LinkedHashSet<>(names))) {
                Map<String, Long> bytes = new LinkedHashMap<>();
                long total = 0;
                for (String name : names) {
                    OnnxValue raw = result.get(name).orElse(null);
                    if (raw != null) {
                        long size = bytesOf(raw);
                        bytes.put(name, size);
                        total += size;
                    }
                }
                if (total > refuseAbove) {
                    return new Fetched(bytes, true);
                }
                for (String name : names) {
                    OnnxValue raw = result.get(name).orElse(null);
                    if (raw == null) {
                        continue;
                    }
                    Object value = inPlace(raw);
                    if (value == null) {
                        OutputValue copied = OrtValues.toOutputValue(raw);
                        value = copied instanceof OutputValue.TensorValue t ? t.tensor() : copied;
                    }
                    consumer.accept(name, value);
                }
                return new Fetched(bytes, false);
            }
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime could not run " + session.modelPath().getFileName() + ": "
                    + OrtMessages.clean(e.getMessage()), e.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED, e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** A HostTensor over ORT's own memory for numeric tensors, or null when only a copy can be had. */
    private static HostTensor inPlace(OnnxValue value) throws OrtException, WorkbenchException {
        if (!(value instanceof OnnxTensor tensor)) {
            return null;
        }
        var info = tensor.getInfo();
        ElementType type = OrtValues.elementType(info.onnxType);
        if (type == null || type == ElementType.STRING) {
            return null;
        }
        var view = NativeTensorView.view(tensor);
        if (view.isEmpty() || view.get().capacity() != type.byteSize(info.getNumElements())) {
            return null;
        }
        return HostTensor.ofRaw(type, info.getShape(), view.get());
    }

    private static long bytesOf(OnnxValue value) {
        if (value instanceof OnnxTensor tensor) {
            var info = tensor.getInfo();
            ElementType type = OrtValues.elementType(info.onnxType);
            if (type != null && type != ElementType.STRING) {
                return type.byteSize(info.getNumElements());
            }
        }
        return 64;
    }

    /**
     * A copy of {@code t} in memory of its own from {@code memory} (the value may be a view on memory ORT frees after
     * the run), freed when the arena closes rather than at a garbage collection; strings (already copies) as they are.
     */
    public static HostTensor ownedCopy(HostTensor t, Arena memory) throws WorkbenchException {
        if (t.isString()) {
            return t;
        }
        ByteBuffer copy = memory.allocate(Math.max(1, t.data().remaining()), 64).asByteBuffer()
                .limit(t.data().remaining()).slice().order(ByteOrder.LITTLE_ENDIAN);
        copy.put(t.data());
        copy.flip();
        return HostTensor.ofRaw(t.elementType(), t.shape(), copy);
    }
}
