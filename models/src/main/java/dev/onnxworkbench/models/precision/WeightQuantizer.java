package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Quantizes constant tensors: weights to int8, symmetric, per tensor or per channel along an axis (scale =
 * max|w| / 127 per channel); biases to int32 with scale = input scale · weight scale and zero point 0;
 * other constants read as activations to uint8 with their own range.
 */
final class WeightQuantizer {
    /** A quantized tensor: its values and the scales (one, or one per channel along {@code axis}). */
    record Quantized(TensorProto values, float[] scales, int axis, int zeroPoint, int type) {}

    private final Weights weights;

    WeightQuantizer(Weights weights) {
        this.weights = weights;
    }

    /** int8 symmetric; {@code axis} < 0 for one scale. */
    Quantized int8(TensorProto w, String name, int axis) throws WorkbenchException {
        return int8(weights.floats(w), dims(w), name, axis);
    }

    /** int8 symmetric from values at hand (e.g. a transposed weight). */
    Quantized int8(float[] v, long[] dims, String name, int axis) {
        int channels = axis < 0 ? 1 : (int) dims[axis];
        long inner = 1;
        for (int d = axis + 1; axis >= 0 && d < dims.length; d++) {
            inner *= dims[d];
        }
        float[] absMax = new float[channels];
        for (int i = 0; i < v.length; i++) {
            int c = axis < 0 ? 0 : (int) ((i / inner) % channels);
            absMax[c] = Math.max(absMax[c], Math.abs(v[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = absMax[c] > 0 && Float.isFinite(absMax[c]) ? absMax[c] / 127f : 1f;
        }
        byte[] q = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            int c = axis < 0 ? 0 : (int) ((i / inner) % channels);
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(v[i] / scales[c])));
        }
        return new Quantized(weights.bytes(name, ElementTypes.INT8, dims, q), scales, axis, 0, ElementTypes.INT8);
    }

    /** int32 bias for a node whose input has {@code inputScale} and weight {@code weightScales}. */
    Quantized int32Bias(TensorProto b, String name, float inputScale, float[] weightScales) throws WorkbenchException {
        float[] v = weights.floats(b);
        float[] scales = new float[weightScales.length];
        for (int c = 0; c < scales.length; c++) {
            float s = inputScale * weightScales[c];
            scales[c] = s > 0 && Float.isFinite(s) ? s : 1f;
        }
        int[] q = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            float s = scales.length == 1 ? scales[0] : scales[i % scales.length];
            q[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round((double) v[i] / s)));
        }
        return new Quantized(weights.ints(name, dims(b), q), scales, scales.length == 1 ? -1 : 0, 0, ElementTypes.INT32);
    }

    /** A constant read as an activation: uint8 (or int8 when symmetric) over its own range. */
    Quantized asActivation(TensorProto t, String name, boolean symmetric) throws WorkbenchException {
        float[] v = weights.floats(t);
        double min = 0;
        double max = 0;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        QParams p = QParams.of(min, max, symmetric);
        byte[] q = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            q[i] = (byte) p.quantize(v[i]);
        }
        return new Quantized(weights.bytes(name, p.type(), dims(t), q), new float[] {p.scale()}, -1, p.zeroPoint(),
                p.type());
    }

    static QParams paramsOf(double min, double max, boolean symmetric) {
        return QParams.of(min, max, symmetric);
    }

    static long[] dims(TensorProto t) {
        long[] d = new long[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.getDims(i);
        }
        return d;
    }

    static ByteBuffer floatBytes(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b;
    }
}
