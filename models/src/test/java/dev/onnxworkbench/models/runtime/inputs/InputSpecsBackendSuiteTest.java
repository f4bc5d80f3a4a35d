package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.tensor.DataValue;
import dev.onnxworkbench.models.tensor.TestDataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every model of Debian's ONNX backend test suite gets a form: one spec per input the test data feeds,
 * and every test input fits its spec (same element type, fixed dimensions equal, rank equal).
 */
class InputSpecsBackendSuiteTest {

    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void everyBackendSuiteInputFitsItsSpec() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "libonnx-testdata is not installed");
        List<Path> models;
        try (Stream<Path> files = Files.walk(DATA, 3)) {
            models = files.filter(p -> p.getFileName().toString().equals("model.onnx")).sorted().toList();
        }
        Map<EditorKind, Integer> kinds = new EnumMap<>(EditorKind.class);
        List<String> misfits = new ArrayList<>();
        OnnxReader reader = new OnnxReader();
        for (Path file : models) {
            Model model = reader.read(file);
            List<InputSpec> specs = InputSpecs.derive(model);
            specs.forEach(s -> kinds.merge(s.editorKind(), 1, Integer::sum));
            Path dataSet = file.resolveSibling("test_data_set_0");
            // ONNX 1.12 wrote bfloat16 test values as uint16 tensors (and CastLike's 'like' with the wrong
            // rank), so those data files contradict their own models; the specs follow the models.
            if (!Files.isDirectory(dataSet) || file.getParent().getFileName().toString().contains("BFLOAT16")) {
                continue;
            }
            TestDataSet data = TestDataSet.load(dataSet, model.graph());
            for (Map.Entry<String, DataValue> e : data.inputs().entrySet()) {
                InputSpec spec = specs.stream().filter(s -> s.name().equals(e.getKey())).findFirst().orElse(null);
                if (spec == null) {
                    misfits.add(file.getParent().getFileName() + ": no spec for " + e.getKey());
                } else if (e.getValue() instanceof DataValue.TensorValue t && spec.isTensor()) {
                    String problem = fit(spec, t.tensor().dims());
                    if (t.tensor().elementType() != spec.elementType()) {
                        problem = "type " + t.tensor().elementType() + " vs " + spec.elementType();
                    }
                    if (problem != null) {
                        misfits.add(file.getParent().getFileName() + ": " + e.getKey() + " " + problem);
                    }
                }
            }
        }
        System.out.println("backend suite: " + models.size() + " models, editors " + kinds);
        assertThat(models).hasSizeGreaterThan(900);
        assertThat(misfits).isEmpty();
        assertThat(kinds.get(EditorKind.IMAGE)).isPositive();
        assertThat(kinds.get(EditorKind.NUMERIC_GRID)).isPositive();
        assertThat(kinds.get(EditorKind.TENSOR_FILE)).isPositive();
    }

    private static String fit(InputSpec spec, List<Long> dims) {
        if (!spec.shape().rankKnown()) {
            return null;
        }
        if (spec.shape().rank() != dims.size()) {
            return "rank " + dims.size() + " vs spec " + spec.shape();
        }
        for (int i = 0; i < dims.size(); i++) {
            if (spec.shape().dims().get(i) instanceof Dimension.Fixed f && f.value() != dims.get(i)) {
                return "dims " + dims + " vs spec " + spec.shape();
            }
        }
        return null;
    }
}
