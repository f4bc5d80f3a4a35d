package dev.onnxworkbench.app.predict;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.inputs.InputTensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PredictionBackend} on ONNX Runtime's Java API. One session stays open for the last model and
 * provider; every tensor and result is closed after each run, so native memory stays flat.
 */
final class OrtBackend implements PredictionBackend {

    static final String CPU = "CPU";
    static final String CUDA = "CUDA";
    static final String TENSORRT = "TensorRT";

    private OrtSession session;
    private Path sessionModel;
    private String sessionProvider;

    @Override
    public List<String> providers() {
        return List.of(CPU, CUDA, TENSORRT);
    }

    @Override
    public synchronized RunResult run(Path model, String provider, Map<String, InputTensor> inputs)
            throws WorkbenchException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession s = session(env, model, provider);
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, InputTensor> e : inputs.entrySet()) {
                tensors.put(e.getKey(), toOnnx(env, e.getKey(), e.getValue()));
            }
            long start = System.nanoTime();
            try (OrtSession.Result result = s.run(tensors)) {
                double latencyMs = (System.nanoTime() - start) / 1e6;
                List<OutputValue> outputs = new ArrayList<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    outputs.add(copy(e.getKey(), e.getValue()));
                }
                return new RunResult(outputs, latencyMs, provider);
            }
        } catch (OrtException e) {
            throw new WorkbenchException("ONNX Runtime could not run the model: " + firstLine(e.getMessage()), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private OrtSession session(OrtEnvironment env, Path model, String provider) throws WorkbenchException {
        if (session != null && model.equals(sessionModel) && provider.equals(sessionProvider)) {
            return session;
        }
        close();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            switch (provider) {
                case CUDA -> options.addCUDA(0);
                case TENSORRT -> options.addTensorrt(0);
                default -> { }
            }
            session = env.createSession(model.toString(), options);
            sessionModel = model;
            sessionProvider = provider;
            return session;
        } catch (OrtException | UnsatisfiedLinkError e) {
            throw new WorkbenchException(provider.equals(CPU)
                    ? "ONNX Runtime cannot load " + model.getFileName() + ": " + firstLine(e.getMessage())
                    : provider + " is not available on this machine: " + firstLine(e.getMessage())
                      + " Choose CPU, or install the CUDA 12 libraries.", e);
        }
    }

    private static OnnxTensor toOnnx(OrtEnvironment env, String name, InputTensor t) throws OrtException, WorkbenchException {
        if (t.elementType() == ElementType.STRING) {
            return OnnxTensor.createTensor(env, t.strings(), t.shape());
        }
        OnnxJavaType type = switch (t.elementType()) {
            case FLOAT -> OnnxJavaType.FLOAT;
            case DOUBLE -> OnnxJavaType.DOUBLE;
            case INT8 -> OnnxJavaType.INT8;
            case INT16 -> OnnxJavaType.INT16;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case UINT8 -> OnnxJavaType.UINT8;
            case BOOL -> OnnxJavaType.BOOL;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case BFLOAT16 -> OnnxJavaType.BFLOAT16;
            default -> throw new WorkbenchException(name + ": ONNX Runtime's Java API cannot take "
                    + t.elementType().displayName() + " inputs.");
        };
        ByteBuffer direct = ByteBuffer.allocateDirect(t.data().remaining()).order(ByteOrder.nativeOrder());
        direct.put(t.bytes()).flip();
        return OnnxTensor.createTensor(env, direct, t.shape(), type);
    }

    private static OutputValue copy(String name, OnnxValue value) throws OrtException {
        return switch (value) {
            case OnnxTensor tensor -> copyTensor(name, tensor);
            case OnnxSequence sequence -> copySequence(name, sequence);
            default -> new OutputValue.OtherOutput(name, value.getInfo().toString());
        };
    }

    private static OutputValue copyTensor(String name, OnnxTensor tensor) throws OrtException {
        TensorInfo info = tensor.getInfo();
        ElementType type = ElementType.fromCode(info.onnxType.value);
        if (info.type == OnnxJavaType.STRING) {
            List<String> flat = new ArrayList<>();
            flatten(tensor.getValue(), flat);
            return new OutputValue.TensorOutput(name, ElementType.STRING, info.getShape(), null, flat.toArray(String[]::new));
        }
        ByteBuffer bytes = tensor.getByteBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer little = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        little.put(bytes).flip();
        return new OutputValue.TensorOutput(name, type == null ? ElementType.UNDEFINED : type, info.getShape(), little, null);
    }

    private static OutputValue copySequence(String name, OnnxSequence sequence) throws OrtException {
        List<? extends OnnxValue> items = sequence.getValue();
        if (!items.isEmpty() && items.getFirst() instanceof OnnxMap) {
            List<Map<String, Double>> rows = new ArrayList<>();
            for (OnnxValue item : items) {
                Map<String, Double> row = new LinkedHashMap<>();
                ((OnnxMap) item).getValue().forEach((k, v) -> row.put(String.valueOf(k), ((Number) v).doubleValue()));
                rows.add(row);
            }
            return new OutputValue.MapsOutput(name, rows);
        }
        return new OutputValue.OtherOutput(name, "sequence of " + items.size() + " values");
    }

    private static void flatten(Object array, List<String> out) {
        if (array instanceof String s) {
            out.add(s);
        } else if (array != null && array.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(array); i++) {
                flatten(Array.get(array, i), out);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error.";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.endsWith(".") ? line : line + ".";
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // closing a session that failed half-way leaves nothing to free
            }
            session = null;
            sessionModel = null;
            sessionProvider = null;
        }
    }
}
