package dev.onnxworkbench.models.runtime.inputs;

/**
 * Resizes pixels with a triangle (bilinear) filter whose support widens when shrinking, as Pillow's
 * {@code Image.resize(..., BILINEAR)} does: shrinking a photo averages every source pixel instead of
 * sampling a few (no aliasing). Pure arithmetic, no graphics pipeline, so every machine and both the window
 * and the command line produce the same pixels. Alpha is ignored (pictures are treated as opaque).
 */
final class PictureResizer {

    /** Gray 114, the padding YOLO's letterbox uses. */
    static final int PAD = 0xFF727272;

    private PictureResizer() {}

    /** The picture at {@code width}×{@code height}, met as {@code mode} says. */
    static Picture resize(Picture p, int width, int height, ResizeMode mode) {
        if (mode == ResizeMode.STRETCH) {
            return scale(p, width, height);
        }
        ResizeMode.Placement at = mode.placement(p.width(), p.height(), width, height);
        int rw = at.scaledWidth();
        int rh = at.scaledHeight();
        Picture scaled = scale(p, rw, rh);
        int[] out = new int[width * height];
        int dx = at.dx();
        int dy = at.dy();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sxp = x - dx;
                int syp = y - dy;
                out[y * width + x] = sxp >= 0 && sxp < rw && syp >= 0 && syp < rh ? scaled.argb()[syp * rw + sxp] : PAD;
            }
        }
        return new Picture(out, width, height);
    }

    private static Picture scale(Picture p, int width, int height) {
        if (width == p.width() && height == p.height()) {
            return p;
        }
        int sw = p.width();
        int sh = p.height();
        Kernel kx = Kernel.of(sw, width);
        Kernel ky = Kernel.of(sh, height);
        // horizontal pass: sh rows × width columns × 3 channels
        float[] rows = new float[sh * width * 3];
        int[] src = p.argb();
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < width; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                int start = kx.start[x];
                double[] w = kx.weights[x];
                for (int k = 0; k < w.length; k++) {
                    int px = src[y * sw + start + k];
                    r += w[k] * ((px >> 16) & 0xFF);
                    g += w[k] * ((px >> 8) & 0xFF);
                    b += w[k] * (px & 0xFF);
                }
                int o = (y * width + x) * 3;
                rows[o] = (float) r;
                rows[o + 1] = (float) g;
                rows[o + 2] = (float) b;
            }
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int start = ky.start[y];
            double[] w = ky.weights[y];
            for (int x = 0; x < width; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = 0; k < w.length; k++) {
                    int o = ((start + k) * width + x) * 3;
                    r += w[k] * rows[o];
                    g += w[k] * rows[o + 1];
                    b += w[k] * rows[o + 2];
                }
                out[y * width + x] = 0xFF000000 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
            }
        }
        return new Picture(out, width, height);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** For each output position: the first source index and the normalized triangle weights. */
    private record Kernel(int[] start, double[][] weights) {
        static Kernel of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1);
            double support = filterScale;
            int[] start = new int[out];
            double[][] weights = new double[out][];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(in, (int) (center + support + 0.5));
                double[] w = new double[Math.max(1, max - min)];
                double sum = 0;
                for (int k = 0; k < max - min; k++) {
                    double d = Math.abs((k + min - center + 0.5) / filterScale);
                    w[k] = d < 1 ? 1 - d : 0;
                    sum += w[k];
                }
                if (sum == 0) {
                    min = Math.min(in - 1, (int) center);
                    w = new double[] {1};
                } else {
                    for (int k = 0; k < w.length; k++) {
                        w[k] /= sum;
                    }
                }
                start[i] = min;
                weights[i] = w;
            }
            return new Kernel(start, weights);
        }
    }
}
