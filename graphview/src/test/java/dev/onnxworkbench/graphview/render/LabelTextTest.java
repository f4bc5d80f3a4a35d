package dev.onnxworkbench.graphview.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelTextTest {
    @Test
    void longSymbolicDimensionsBecomeALetterAndTheirNumber() {
        assertThat(LabelText.display("p2o.DynamicDimension.0×3×p2o.DynamicDimension.1×p2o.DynamicDimension.2"))
                .isEqualTo("d0×3×d1×d2");
        assertThat(LabelText.display("1×64×56×56")).isEqualTo("1×64×56×56");
        assertThat(LabelText.display("batch×sequence×256")).isEqualTo("batch×sequence×256");
        assertThat(LabelText.dim("unk__1234")).isEqualTo("u1234");
        assertThat(LabelText.dim("a_very_long_name")).isEqualTo("a_very…");
    }

    @Test
    void aLabelStaysShortWithAnEllipsis() {
        String s = LabelText.display("1×2×3×4×5×6×7×8×9×10×11×12×13×14×15×16×17×18×19×20");
        assertThat(s).hasSize(LabelText.MAX_CHARS).endsWith("…");
    }
}
