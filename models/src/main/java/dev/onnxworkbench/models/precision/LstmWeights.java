package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.onnx.proto.TensorProto;

/**
 * An LSTM weight (W [D, 4H, I] or R [D, 4H, H]) as com.microsoft DynamicQuantizeLSTM reads it, written as
 * onnxruntime's quantizer writes it: int8 symmetric (scale = max|w| / 127, zero point 0) with one scale per
 * direction ([D]) or, per channel, one per direction and gate row ([D, 4H]); values transposed to [D, I, 4H].
 */
final class LstmWeights {
    /** The int8 weight, its scales and zero points (int8, all 0), shaped for the node. */
    record Quantized(TensorProto values, TensorProto scale, TensorProto zeroPoint) {}

    private LstmWeights() {}

    static Quantized quantize(Weights weights, ConstantValues.Value w, String name, boolean perChannel) {
        int d = (int) w.dims()[0];
        int gates = (int) w.dims()[1];
        int in = (int) w.dims()[2];
        int channels = perChannel ? d * gates : d;
        float[] absMax = new float[channels];
        float[] v = w.floats();
        for (int i = 0; i < v.length; i++) {
            int c = channel(i, gates, in, perChannel);
            absMax[c] = Math.max(absMax[c], Math.abs(v[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = absMax[c] > 0 && Float.isFinite(absMax[c]) ? absMax[c] / 127f : 1f;
        }
        byte[] q = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            int dir = i / (gates * in);
            int row = i / in % gates;
            int col = i % in;
            int c = channel(i, gates, in, perChannel);
            q[(dir * in + col) * gates + row] = (byte) Math.max(-127, Math.min(127, Math.round(v[i] / scales[c])));
        }
        long[] scaleDims = perChannel ? new long[] {d, gates} : new long[] {d};
        return new Quantized(weights.bytes(name + "_quantized", ElementTypes.INT8, new long[] {d, in, gates}, q),
                weights.floats(name + "_scale", scaleDims, scales),
                weights.bytes(name + "_zero_point", ElementTypes.INT8, scaleDims, new byte[channels]));
    }

    /** Index of the scale for element {@code i} of [D, 4H, I]. */
    private static int channel(int i, int gates, int in, boolean perChannel) {
        return perChannel ? i / in : i / (gates * in);
    }
}
