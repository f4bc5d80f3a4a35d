package dev.onnxworkbench.models.opset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PaddleOCR's opset-9 recogniser and classifier converted to opset 17 answer as before, to 1e-5. */
class RealModelOpsetTest {

    private static void convertAndCompare(Path model, HostTensor input) throws Exception {
        assumeTrue(Files.exists(model), "real model not on this machine: " + model);
        OpsetConverter to17 = new OpsetConverter(17);
        try (DerivedModel converted = ModelRewriter.open(model).transform(to17).write()) {
            Model m = new OnnxReader().read(converted.path());
            assertThat(m.opsetVersion("")).isEqualTo(17);
            assertThat(to17.conversion().fromOpset()).isEqualTo(9);
            Map<String, HostTensor> inputs = Map.of("x", input);
            Map<String, HostTensor> expected = OrtRuns.run(model, inputs);
            Map<String, HostTensor> actual = OrtRuns.run(converted.path(), inputs);
            for (String name : expected.keySet()) {
                OrtRuns.assertClose(name, actual.get(name), expected.get(name), 1e-5);
            }
        }
    }

    @Test
    void recogniserFrom9To17AgreesOnARenderedTextLine() throws Exception {
        convertAndCompare(RealModels.REC, RealModels.textLine("Workbench 2026 ONNX", 48, 320));
    }

    @Test
    void classifierFrom9To17AgreesOnARenderedTextLine() throws Exception {
        convertAndCompare(RealModels.CLS, RealModels.textLine("upside", 48, 192));
    }
}
