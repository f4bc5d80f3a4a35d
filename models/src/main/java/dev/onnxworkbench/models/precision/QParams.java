package dev.onnxworkbench.models.precision;

/**
 * A tensor's quantization parameters: {@code real = (q − zeroPoint) · scale}, per tensor, as onnxruntime's
 * {@code compute_scale_zp}: the range always contains 0; uint8 asymmetric for activations (U8), int8 symmetric
 * (zero point 0, levels −127…127) for weights and symmetric activations.
 */
record QParams(float scale, int zeroPoint, int type) {

    static QParams of(double rmin, double rmax, boolean symmetric) {
        rmin = Math.min(rmin, 0);
        rmax = Math.max(rmax, 0);
        if (symmetric) {
            double absMax = Math.max(Math.abs(rmin), Math.abs(rmax));
            float scale = (float) (absMax / 127.0);
            return new QParams(scale > 0 && Float.isFinite(scale) ? scale : 1f, 0, ElementTypes.INT8);
        }
        float scale = (float) ((rmax - rmin) / 255.0);
        if (!(scale > 0) || !Float.isFinite(scale)) {
            return new QParams(1f, 0, ElementTypes.UINT8);
        }
        int zp = (int) Math.round(-rmin / scale);
        return new QParams(scale, Math.max(0, Math.min(255, zp)), ElementTypes.UINT8);
    }

    int quantize(float v) {
        long q = Math.round(v / scale) + zeroPoint;
        int lo = type == ElementTypes.UINT8 ? 0 : -128;
        int hi = type == ElementTypes.UINT8 ? 255 : 127;
        return (int) Math.max(lo, Math.min(hi, q));
    }
}
