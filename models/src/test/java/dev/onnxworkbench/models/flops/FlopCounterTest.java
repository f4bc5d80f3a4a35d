package dev.onnxworkbench.models.flops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FLOP formulas on cases worked out by hand (a multiply-add = 2 FLOPs). */
class FlopCounterTest {
    private static long[] s(long... dims) {
        return dims;
    }

    @Test
    void convIsTwiceOutputTimesKernelVolumePlusBias() {
        // [1,3,32,32] * W[8,3,3,3] -> [1,8,32,32]: 8192 outputs × 27 MACs × 2 + 8192 bias adds
        assertThat(FlopCounter.flops("Conv", List.of(s(1, 3, 32, 32), s(8, 3, 3, 3), s(8)), List.of(s(1, 8, 32, 32)),
                Map.of())).isEqualTo(2L * 8192 * 27 + 8192);
        // depthwise: group 8, W[8,1,3,3]: 9 MACs per output
        assertThat(FlopCounter.flops("FusedConv", List.of(s(1, 8, 16, 16), s(8, 1, 3, 3)), List.of(s(1, 8, 16, 16)),
                Map.of())).isEqualTo(2L * 2048 * 9);
    }

    @Test
    void convTransposeCountsPerInputElement() {
        // [1,4,8,8] -> W[4,2,3,3]: each of 256 inputs scatters into 2·9 outputs
        assertThat(FlopCounter.flops("ConvTranspose", List.of(s(1, 4, 8, 8), s(4, 2, 3, 3)), List.of(s(1, 2, 17, 17)),
                Map.of())).isEqualTo(2L * 256 * 18);
    }

    @Test
    void gemmAndBatchedMatMul() {
        // [1,2048] · [10,2048]ᵀ + bias[10]
        assertThat(FlopCounter.flops("Gemm", List.of(s(1, 2048), s(10, 2048), s(10)), List.of(s(1, 10)), Map.of()))
                .isEqualTo(2L * 10 * 2048 + 10);
        // [2,4,8,16] · [2,4,16,32] -> [2,4,8,32]: 2048 outputs × 16 MACs
        assertThat(FlopCounter.flops("MatMul", List.of(s(2, 4, 8, 16), s(2, 4, 16, 32)), List.of(s(2, 4, 8, 32)),
                Map.of())).isEqualTo(2L * 2048 * 16);
        // broadcast weight: [3,5,64] · [64,128]
        assertThat(FlopCounter.flops("MatMul", List.of(s(3, 5, 64), s(64, 128)), List.of(s(3, 5, 128)), Map.of()))
                .isEqualTo(2L * 15 * 128 * 64);
    }

    @Test
    void lstmAndGru() {
        // X [seq 5, batch 2, input 10], R [1 dir, 4·20, 20]: per step 2·80·(10+20) + 8·20
        assertThat(FlopCounter.flops("LSTM", List.of(s(5, 2, 10), s(1, 80, 10), s(1, 80, 20)),
                List.of(s(5, 1, 2, 20)), Map.of())).isEqualTo(10L * (2 * 80 * 30 + 160));
        // bidirectional GRU, hidden 8, input 4, seq 3, batch 1: per step 2·24·12 + 6·8
        assertThat(FlopCounter.flops("GRU", List.of(s(3, 1, 4), s(2, 24, 4), s(2, 24, 8)),
                List.of(s(3, 2, 1, 8)), Map.of())).isEqualTo(2L * 3 * (2 * 24 * 12 + 48));
    }

    @Test
    void poolingNormalizationElementwiseAndDataMovement() {
        assertThat(FlopCounter.flops("MaxPool", List.of(s(1, 8, 32, 32)), List.of(s(1, 8, 16, 16)),
                Map.of("kernel_shape", s(2, 2)))).isEqualTo(2048L * 4);
        assertThat(FlopCounter.flops("GlobalAveragePool", List.of(s(1, 8, 7, 7)), List.of(s(1, 8, 1, 1)), Map.of()))
                .isEqualTo(392);
        assertThat(FlopCounter.flops("LayerNormalization", List.of(s(2, 10, 64)), List.of(s(2, 10, 64)), Map.of()))
                .isEqualTo(5L * 1280);
        assertThat(FlopCounter.flops("Relu", List.of(s(4, 4)), List.of(s(4, 4)), Map.of())).isEqualTo(16);
        assertThat(FlopCounter.flops("Sum", List.of(s(4), s(4), s(4)), List.of(s(4)), Map.of())).isEqualTo(8);
        assertThat(FlopCounter.flops("Reshape", List.of(s(4, 4), s(1)), List.of(s(16)), Map.of())).isZero();
        assertThat(FlopCounter.flops("SomeCustomOp", List.of(s(4)), List.of(s(4)), Map.of())).isEqualTo(-1);
    }
}
