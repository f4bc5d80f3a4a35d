package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns already-resized ARGB pixels into an image tensor: channel layout, RGB or BGR order, scaling,
 * element type (float32, float64, float16, or uint8 taken as is). Three channels, or one (luminance).
 * The batch axis repeats the image {@code batch} times.
 */
public final class ImageEncoder {

    private ImageEncoder() {}

    /** The request: what the model wants the pixels to look like. */
    public record Encoding(ImageLayout layout, boolean bgr, int channels, PixelScaling scaling, ElementType elementType) {
        public Encoding {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("images have 1 or 3 channels, not " + channels);
            }
        }
    }

    public static HostTensor encode(int[] argb, int width, int height, int batch, Encoding e)
            throws InvalidInputException {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + argb.length);
        }
        int c = e.channels();
        long[] shape = e.layout() == ImageLayout.NCHW
                ? new long[] {batch, c, height, width}
                : new long[] {batch, height, width, c};
        int plane = width * height;
        int count = plane * c;
        int bytesPerValue = (int) e.elementType().byteSize(1);
        ByteBuffer out = ByteBuffer.allocateDirect(count * bytesPerValue * batch).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < count; i++) {
                int pixelIndex;
                int channel;
                if (e.layout() == ImageLayout.NCHW) {
                    channel = i / plane;
                    pixelIndex = i % plane;
                } else {
                    channel = i % c;
                    pixelIndex = i / c;
                }
                int p = argb[pixelIndex];
                int rgbChannel = c == 1 ? -1 : e.bgr() ? 2 - channel : channel;
                int value = rgbChannel < 0 ? luminance(p) : (p >> (16 - 8 * rgbChannel)) & 0xFF;
                putValue(out, e.elementType(), value, e.scaling(), Math.max(rgbChannel, 0));
            }
        }
        out.flip();
        return ValueParser.built(() -> HostTensor.ofRaw(e.elementType(), shape, out));
    }

    private static void putValue(ByteBuffer out, ElementType type, int pixel, PixelScaling s, int channel) {
        switch (type) {
            case UINT8 -> out.put((byte) pixel);
            case FLOAT -> out.putFloat(s.apply(pixel, channel));
            case DOUBLE -> out.putDouble(s.apply(pixel, channel));
            case FLOAT16 -> out.putShort(Float.floatToFloat16(s.apply(pixel, channel)));
            default -> throw new IllegalArgumentException("images cannot be encoded as " + type);
        }
    }

    /** ITU-R BT.601 luma, what PIL's convert("L") computes. */
    static int luminance(int argb) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return (r * 299 + g * 587 + b * 114 + 500) / 1000;
    }
}
