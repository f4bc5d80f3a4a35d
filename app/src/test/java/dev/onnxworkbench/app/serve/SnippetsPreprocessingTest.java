package dev.onnxworkbench.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.MediaInputs;
import dev.onnxworkbench.models.runtime.inputs.MediaModels;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.serve.V2RequestBody;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snippets from a form whose input came from a picture: the body holds the preprocessed tensor, the header says how. */
class SnippetsPreprocessingTest {
    @TempDir
    Path dir;

    @Test
    void aPictureInputIsSentAsItsTensorAndTheSnippetsNameThePreprocessing() throws Exception {
        Path file = MediaModels.fixedNhwc(dir, 8);
        Model model = MediaModels.read(file);
        InputSpec spec = MediaModels.spec(model, "x");
        BufferedImage image = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF8040);
        Path photo = dir.resolve("photo.png");
        ImageIO.write(image, "png", photo.toFile());
        var values = MediaInputs.image(photo, spec, ImageSettings.defaults(spec).withLayout(ImageLayout.NHWC).withBgr(true), Map.of(),
                ModelStride.NONE);
        InputSet set = InputSet.builder(model).source("x", values).build();
        String body = V2RequestBody.json(set.values(), "workbench-1", true);

        List<String> lines = ServeViewModel.preprocessing(set);
        Snippets.Pair pair = Snippets.of("http://localhost:8080/v2/models/m/infer", body, null, lines);

        JsonNode data = new ObjectMapper().readTree(body).path("inputs").get(0).path("data");
        assertThat(data.size()).isEqualTo(8 * 8 * 3);
        for (int i = 0; i < data.size(); i++) {
            assertThat((float) data.get(i).asDouble()).as("value " + i).isEqualTo((float) values.tensor().getDouble(i));
        }
        assertThat(lines).singleElement().asString().contains("x float32[1, 8, 8, 3] preprocessed from",
                "photo.png", "bgr", "the body holds the tensor");
        assertThat(pair.curl()).startsWith("# x float32").contains("bgr");
        assertThat(pair.python()).startsWith("# x float32").contains("import requests");
    }
}
