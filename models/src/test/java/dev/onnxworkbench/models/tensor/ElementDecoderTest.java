package dev.onnxworkbench.models.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Known bit patterns of each element type (values from the ONNX and OCP float8/MX specifications). */
class ElementDecoderTest {

    private static double at(ElementType type, long index, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return ElementDecoder.decode(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), type, index);
    }

    @Test
    void float8E4M3FN() {
        assertThat(at(ElementType.FLOAT8E4M3FN, 0, 0x7E)).isEqualTo(448.0);
        assertThat(at(ElementType.FLOAT8E4M3FN, 0, 0xFE)).isEqualTo(-448.0);
        assertThat(at(ElementType.FLOAT8E4M3FN, 0, 0x38)).isEqualTo(1.0);
        assertThat(at(ElementType.FLOAT8E4M3FN, 0, 0x01)).isEqualTo(Math.scalb(1.0, -9));
        assertThat(at(ElementType.FLOAT8E4M3FN, 0, 0x7F)).isNaN();
    }

    @Test
    void float8E4M3FNUZAndE5M2FNUZ() {
        assertThat(at(ElementType.FLOAT8E4M3FNUZ, 0, 0x7F)).isEqualTo(240.0);
        assertThat(at(ElementType.FLOAT8E4M3FNUZ, 0, 0x40)).isEqualTo(1.0);
        assertThat(at(ElementType.FLOAT8E4M3FNUZ, 0, 0x80)).isNaN();
        assertThat(at(ElementType.FLOAT8E5M2FNUZ, 0, 0x7F)).isEqualTo(57344.0);
        assertThat(at(ElementType.FLOAT8E5M2FNUZ, 0, 0x40)).isEqualTo(1.0);
        assertThat(at(ElementType.FLOAT8E5M2FNUZ, 0, 0x80)).isNaN();
    }

    @Test
    void float8E5M2HasInfinities() {
        assertThat(at(ElementType.FLOAT8E5M2, 0, 0x7B)).isEqualTo(57344.0);
        assertThat(at(ElementType.FLOAT8E5M2, 0, 0x3C)).isEqualTo(1.0);
        assertThat(at(ElementType.FLOAT8E5M2, 0, 0x7C)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(at(ElementType.FLOAT8E5M2, 0, 0xFC)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(at(ElementType.FLOAT8E5M2, 0, 0x7D)).isNaN();
    }

    @Test
    void float8E8M0IsAPowerOfTwo() {
        assertThat(at(ElementType.FLOAT8E8M0, 0, 127)).isEqualTo(1.0);
        assertThat(at(ElementType.FLOAT8E8M0, 0, 130)).isEqualTo(8.0);
        assertThat(at(ElementType.FLOAT8E8M0, 0, 0xFF)).isNaN();
    }

    @Test
    void halfAndBrainFloat() {
        assertThat(at(ElementType.FLOAT16, 0, 0x00, 0x3C)).isEqualTo(1.0);
        assertThat(at(ElementType.FLOAT16, 1, 0x00, 0x3C, 0x00, 0xC0)).isEqualTo(-2.0);
        assertThat(at(ElementType.FLOAT16, 0, 0x00, 0x7C)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(at(ElementType.BFLOAT16, 0, 0x80, 0x3F)).isEqualTo(1.0);
        assertThat(at(ElementType.BFLOAT16, 0, 0x49, 0x40)).isCloseTo(3.140625, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fourAndTwoBitTypesArePackedLowBitsFirst() {
        assertThat(at(ElementType.INT4, 0, 0xF7)).isEqualTo(7.0);
        assertThat(at(ElementType.INT4, 1, 0xF7)).isEqualTo(-1.0);
        assertThat(at(ElementType.UINT4, 1, 0xF7)).isEqualTo(15.0);
        assertThat(at(ElementType.INT4, 1, 0x08)).isEqualTo(0.0);
        assertThat(at(ElementType.INT4, 0, 0x08)).isEqualTo(-8.0);
        assertThat(at(ElementType.FLOAT4E2M1, 0, 0xF7)).isEqualTo(6.0);
        assertThat(at(ElementType.FLOAT4E2M1, 1, 0xF7)).isEqualTo(-6.0);
        assertThat(at(ElementType.FLOAT4E2M1, 0, 0x01)).isEqualTo(0.5);
        assertThat(at(ElementType.FLOAT4E2M1, 0, 0x03)).isEqualTo(1.5);
        assertThat(at(ElementType.UINT2, 3, 0b11_10_01_00)).isEqualTo(3.0);
        assertThat(at(ElementType.UINT2, 1, 0b11_10_01_00)).isEqualTo(1.0);
        assertThat(at(ElementType.INT2, 2, 0b11_10_01_00)).isEqualTo(-2.0);
    }

    @Test
    void integersBoolAndUnsignedExtremes() {
        assertThat(at(ElementType.BOOL, 1, 0, 1)).isEqualTo(1.0);
        assertThat(at(ElementType.INT8, 0, 0xFF)).isEqualTo(-1.0);
        assertThat(at(ElementType.UINT8, 0, 0xFF)).isEqualTo(255.0);
        assertThat(at(ElementType.UINT16, 0, 0xFF, 0xFF)).isEqualTo(65535.0);
        assertThat(at(ElementType.UINT32, 0, 0xFF, 0xFF, 0xFF, 0xFF)).isEqualTo(4294967295.0);
        assertThat(at(ElementType.UINT64, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)).isEqualTo(18446744073709551615.0);
        assertThat(at(ElementType.INT64, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)).isEqualTo(-2.0);
    }

    @Test
    void complexIsReadComponentWise() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(-1).putFloat(2).putFloat(3).flip();
        assertThat(ElementDecoder.componentCount(ElementType.COMPLEX64, 2)).isEqualTo(4);
        assertThat(ElementDecoder.decode(b, ElementType.COMPLEX64, 3)).isEqualTo(3.0);
    }
}
