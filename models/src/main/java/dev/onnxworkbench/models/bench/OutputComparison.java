package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.Tolerance;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies outputs to the heap as doubles and compares them element-wise, Polygraphy-style (public for the tuner). */
public final class OutputComparison {
    private OutputComparison() {}

    /** A heap copy of one output: shape and values as doubles, or a note why it has none. */
    public record Values(long[] shape, double[] values, String note) {}

    public static Map<String, Values> capture(OrtSession.Result result) {
        Map<String, Values> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
            out.put(e.getKey(), capture(e.getValue()));
        }
        return out;
    }

    private static Values capture(OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor)) {
            return new Values(null, null, "not compared: a " + value.getType().toString().toLowerCase(java.util.Locale.ROOT).replace("onnx_type_", ""));
        }
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        int n = Math.toIntExact(info.getNumElements());
        double[] v = new double[n];
        switch (info.type) {
            case FLOAT -> { var b = tensor.getFloatBuffer(); for (int i = 0; i < n; i++) v[i] = b.get(i); }
            case DOUBLE -> { var b = tensor.getDoubleBuffer(); for (int i = 0; i < n; i++) v[i] = b.get(i); }
            case INT64 -> { var b = tensor.getLongBuffer(); for (int i = 0; i < n; i++) v[i] = b.get(i); }
            case INT32 -> { var b = tensor.getIntBuffer(); for (int i = 0; i < n; i++) v[i] = b.get(i); }
            case INT16 -> { var b = tensor.getShortBuffer(); for (int i = 0; i < n; i++) v[i] = b.get(i); }
            case FLOAT16 -> { var b = tensor.getShortBuffer(); for (int i = 0; i < n; i++) v[i] = Float.float16ToFloat(b.get(i)); }
            case BFLOAT16 -> { var b = tensor.getShortBuffer(); for (int i = 0; i < n; i++) v[i] = Float.intBitsToFloat((b.get(i) & 0xffff) << 16); }
            case INT8, BOOL -> { ByteBuffer b = tensor.getByteBuffer(); for (int i = 0; i < n; i++) v[i] = b.get(i); }
            case UINT8 -> { ByteBuffer b = tensor.getByteBuffer(); for (int i = 0; i < n; i++) v[i] = b.get(i) & 0xff; }
            default -> {
                return new Values(shape, null, "not compared: " + info.type.toString().toLowerCase(java.util.Locale.ROOT) + " elements");
            }
        }
        return new Values(shape, v, null);
    }

    public static List<OutputAgreement> compare(Map<String, Values> actual, Map<String, Values> reference, Tolerance tolerances) {
        List<OutputAgreement> result = new ArrayList<>();
        for (var e : reference.entrySet()) {
            result.add(compare(e.getKey(), actual.get(e.getKey()), e.getValue(), tolerances));
        }
        return result;
    }

    static OutputAgreement compare(String name, Values actual, Values reference, Tolerance tol) {
        if (actual == null) {
            return new OutputAgreement(name, Double.NaN, Double.NaN, 0, false, "missing from this provider's outputs");
        }
        if (reference.values() == null || actual.values() == null) {
            String note = reference.note() != null ? reference.note() : actual.note();
            return new OutputAgreement(name, Double.NaN, Double.NaN, 0, true, note);
        }
        if (!Arrays.equals(actual.shape(), reference.shape())) {
            return new OutputAgreement(name, Double.NaN, Double.NaN, reference.values().length, false,
                    "shape " + Arrays.toString(actual.shape()) + " differs from the reference " + Arrays.toString(reference.shape()));
        }
        double maxAbs = 0;
        double maxRel = 0;
        long mismatches = 0;
        double[] a = actual.values();
        double[] r = reference.values();
        for (int i = 0; i < a.length; i++) {
            double abs;
            double rel;
            if (Double.isNaN(a[i]) || Double.isNaN(r[i])) {
                boolean bothNaN = Double.isNaN(a[i]) && Double.isNaN(r[i]);
                abs = bothNaN ? 0 : Double.POSITIVE_INFINITY;
                rel = abs;
            } else if (a[i] == r[i]) { // also equal infinities
                abs = 0;
                rel = 0;
            } else {
                abs = Math.abs(a[i] - r[i]);
                rel = r[i] == 0 ? Double.POSITIVE_INFINITY : abs / Math.abs(r[i]);
            }
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
            if (!tol.acceptsErrors(abs, rel)) {
                mismatches++;
            }
        }
        return new OutputAgreement(name, maxAbs, maxRel, mismatches, mismatches == 0, null);
    }
}
