package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePreprocessorTest {
    @TempDir
    Path dir;

    /** A picture whose left half is red and right half blue. */
    private Path picture(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x < w / 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        Path file = dir.resolve("photo-" + w + "x" + h + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void freeSizesKeepThePicturesSizeRoundedToTheModelsStride() throws Exception {
        Model model = MediaModels.read(MediaModels.detector(dir));
        InputSpec x = MediaModels.spec(model, "x");
        assertThat(ModelStride.of(model.graph(), "x")).isEqualTo(new ModelStride(32, 32));

        InputSource.Values v = MediaInputs.image(picture(640, 640), x, ImageSettings.defaults(x), Map.of(), new ModelStride(32, 32));
        assertThat(v.tensor().shape()).containsExactly(1, 3, 640, 640); // never shrunk to a default size
        assertThat(v.description()).contains("640×640 (own size, rounded to a multiple of 32, the model's stride)");

        InputSource.Values odd = MediaInputs.image(picture(500, 333), x, ImageSettings.defaults(x), Map.of(), new ModelStride(32, 32));
        assertThat(odd.tensor().shape()).containsExactly(1, 3, 320, 512);
        assertThat(odd.description()).contains("500×333 → 512×320");
        assertThat(((InputRecipe.ImageFile) odd.recipe()).settings().describe()).isEqualTo("512×320, stretch, nchw, rgb, 0-1");
    }

    @Test
    void aSetSizeOrAChosenDimensionWins() throws Exception {
        Model model = MediaModels.read(MediaModels.detector(dir));
        InputSpec x = MediaModels.spec(model, "x");
        Path photo = picture(500, 333);

        HostTensor set = MediaInputs.image(photo, x, ImageSettings.defaults(x).withSize(96, 64), Map.of(), new ModelStride(32, 32)).tensor();
        assertThat(set.shape()).containsExactly(1, 3, 64, 96);
        HostTensor chosen = MediaInputs.image(photo, x, ImageSettings.defaults(x), Map.of("H", 128L, "W", 160L, "N", 2L), new ModelStride(32, 32))
                .tensor();
        assertThat(chosen.shape()).containsExactly(2, 3, 128, 160);
    }

    @Test
    void fixedSizesAreUsedAndContradictionsRefused() throws Exception {
        Model model = MediaModels.read(MediaModels.fixedNhwc(dir, 8));
        InputSpec x = MediaModels.spec(model, "x");
        ImageSettings nhwc = ImageSettings.defaults(x).withLayout(ImageLayout.NHWC).withScaling(PixelScaling.ZERO_255);

        HostTensor t = MediaInputs.image(picture(16, 16), x, nhwc, Map.of(), ModelStride.NONE).tensor();
        assertThat(t.shape()).containsExactly(1, 8, 8, 3);
        // left column red, right column blue: 16→8 averages pairs of equal pixels, so colours stay exact
        assertThat(t.getDouble(0)).isEqualTo(255);
        assertThat(t.getDouble(2)).isEqualTo(0);
        assertThat(t.getDouble(7 * 3 + 2)).isEqualTo(255);

        assertThatThrownBy(() -> MediaInputs.image(picture(16, 16), x, nhwc.withSize(10, 10), Map.of(), ModelStride.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fixes the width at 8");
    }

    @Test
    void bgrImagenetAndLetterboxDoWhatTheySay() throws Exception {
        Model model = MediaModels.read(MediaModels.detector(dir));
        InputSpec x = MediaModels.spec(model, "x");
        ImageSettings s = ImageSettings.defaults(x).withSize(4, 4).withBgr(true).withScaling(PixelScaling.IMAGENET)
                .withResize(ResizeMode.LETTERBOX);

        HostTensor t = MediaInputs.image(picture(8, 4), x, s, Map.of(), ModelStride.NONE).tensor();
        // 8×4 fits 4×2 inside 4×4: rows 0 and 3 are gray 114 padding, rows 1-2 the picture
        float padB = (114 / 255f - 0.406f) / 0.225f;
        assertThat(t.getDouble(0)).isCloseTo(padB, within(1e-6));
        // channel 0 is blue (BGR): at row 1, column 3 the picture is blue
        assertThat(t.getDouble(4 + 3)).isCloseTo((1f - 0.406f) / 0.225f, within(1e-6));
        // channel 2 is red: at row 1, column 0 the picture is red
        assertThat(t.getDouble(2 * 16 + 4)).isCloseTo((1f - 0.485f) / 0.229f, within(1e-6));
    }

    @Test
    void resizingAveragesWhenShrinking() {
        int[] stripes = new int[8];
        for (int i = 0; i < 8; i++) {
            stripes[i] = i % 2 == 0 ? 0xFF000000 : 0xFFFFFFFF;
        }
        Picture small = PictureResizer.resize(new Picture(stripes, 8, 1), 2, 1, ResizeMode.STRETCH);
        // black/white stripes average to mid gray (a point sampler would give pure black or white)
        assertThat(small.argb()[0] & 0xFF).isBetween(100, 155);
        assertThat(small.argb()[1] & 0xFF).isBetween(100, 155);
    }

    @Test
    void notAPictureIsNamed() throws Exception {
        Path bad = dir.resolve("notes.png");
        java.nio.file.Files.writeString(bad, "hello");
        assertThatThrownBy(() -> Picture.read(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("notes.png");
    }
}
