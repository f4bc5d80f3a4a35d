package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.tensor.HostTensor;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/**
 * Draws the first image of an image-shaped float tensor (N×C×H×W or N×H×W×C, C = 1 or 3). Values in
 * [0, 1] or [0, 255] are shown as they are; anything else (normalized inputs, feature maps) is stretched
 * over its own range so that it is visible.
 */
final class TensorImages {

    private TensorImages() {}

    static WritableImage draw(HostTensor t, ImageLayout layout) {
        long[] s = t.shape();
        boolean nchw = layout == ImageLayout.NCHW;
        int channels = (int) (nchw ? s[1] : s[3]);
        int h = (int) (nchw ? s[2] : s[1]);
        int w = (int) (nchw ? s[3] : s[2]);
        int plane = w * h;
        int count = plane * channels;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double v = t.getDouble(i);
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        boolean unit = min >= 0 && max <= 1;
        boolean bytes = min >= 0 && max <= 255;
        double low = unit || bytes ? 0 : min;
        double range = unit ? 1 : bytes ? 255 : Math.max(max - min, 1e-12);
        WritableImage image = new WritableImage(w, h);
        PixelWriter writer = image.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    int channel = channels == 3 ? c : 0;
                    long index = nchw ? (long) channel * plane + p : (long) p * channels + channel;
                    rgb[c] = level(t.getDouble(index), low, range);
                }
                writer.setArgb(x, y, 0xFF000000 | rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
        return image;
    }

    private static int level(double v, double low, double range) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        return (int) Math.round(Math.max(0, Math.min(1, (v - low) / range)) * 255);
    }
}
