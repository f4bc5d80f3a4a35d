package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerErrorsTest {

    @Test
    void onlyPairsHoldingTheSameTensorAreCompared() {
        assertThat(LayerErrors.sameTensor("conv2d_494.tmp_0", "conv2d_494.tmp_0")).isTrue();
        assertThat(LayerErrors.sameTensor("conv2d_494.tmp_0_float", "conv2d_494.tmp_0")).as("written before its Q").isTrue();
        assertThat(LayerErrors.sameTensor("conv2d_494.tmp_0_float_2", "conv2d_494.tmp_0")).as("name taken").isTrue();
        // a Conv with its BatchNormalization folded in writes the BN's tensor under the Conv's node name
        assertThat(LayerErrors.sameTensor("batch_norm_0.tmp_3_float", "conv2d_0.tmp_0")).isFalse();
        // a Conv with a HardSigmoid folded in writes α·x + β
        assertThat(LayerErrors.sameTensor("s_hardsigmoid_scaled", "s")).isFalse();
        assertThat(LayerErrors.sameTensor("s_float_x", "s")).isFalse();
    }
}
