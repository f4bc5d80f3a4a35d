package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    /** Two pixels: pure red, then (0, 128, 255). */
    private static final int[] PIXELS = {0xFFFF0000, 0xFF0080FF};

    @Test
    void nchwRgbZeroToOnePutsPlanesInOrder() throws Exception {
        HostTensor t = ImageEncoder.encode(PIXELS, 2, 1, 1,
                new ImageEncoder.Encoding(ImageLayout.NCHW, false, 3, PixelScaling.ZERO_ONE, ElementType.FLOAT));

        assertThat(t.shape()).containsExactly(1, 3, 1, 2);
        assertThat(floats(t)).containsExactly(new float[] {1f, 0f, 0f, 128 / 255f, 0f, 1f}, within(1e-6f));
    }

    @Test
    void nhwcBgrInterleavesReversedChannels() throws Exception {
        HostTensor t = ImageEncoder.encode(PIXELS, 2, 1, 1,
                new ImageEncoder.Encoding(ImageLayout.NHWC, true, 3, PixelScaling.ZERO_255, ElementType.FLOAT));

        assertThat(t.shape()).containsExactly(1, 1, 2, 3);
        assertThat(floats(t)).containsExactly(0f, 0f, 255f, 255f, 128f, 0f);
    }

    @Test
    void imagenetAndMinusOneToOneScaling() throws Exception {
        HostTensor imagenet = ImageEncoder.encode(new int[] {0xFFFFFFFF}, 1, 1, 1,
                new ImageEncoder.Encoding(ImageLayout.NCHW, false, 3, PixelScaling.IMAGENET, ElementType.FLOAT));
        HostTensor symmetric = ImageEncoder.encode(new int[] {0xFF000000}, 1, 1, 2,
                new ImageEncoder.Encoding(ImageLayout.NCHW, false, 1, PixelScaling.MINUS_ONE_ONE, ElementType.FLOAT));

        assertThat(floats(imagenet)[0]).isCloseTo((1 - 0.485f) / 0.229f, within(1e-5f));
        assertThat(symmetric.shape()).containsExactly(2, 1, 1, 1);
        assertThat(floats(symmetric)).containsExactly(-1f, -1f);
    }

    @Test
    void uint8KeepsRawPixels() throws Exception {
        HostTensor t = ImageEncoder.encode(PIXELS, 2, 1, 1,
                new ImageEncoder.Encoding(ImageLayout.NHWC, false, 3, PixelScaling.IMAGENET, ElementType.UINT8));

        ByteBuffer b = t.data();
        assertThat(new int[] {b.get() & 0xFF, b.get() & 0xFF, b.get() & 0xFF, b.get() & 0xFF}).containsExactly(255, 0, 0, 0);
    }

    private static float[] floats(HostTensor t) {
        ByteBuffer b = t.data();
        float[] result = new float[b.remaining() / 4];
        for (int i = 0; i < result.length; i++) {
            result[i] = b.getFloat();
        }
        return result;
    }
}
