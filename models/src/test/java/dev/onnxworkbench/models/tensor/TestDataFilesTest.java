package dev.onnxworkbench.models.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every test_data_set of the ONNX backend suite loads, typed by its model, and every value is whole. */
class TestDataFilesTest {
    private static final Path ROOT = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void everyBackendTestDataSetLoadsIntoValues() throws Exception {
        assumeTrue(Files.isDirectory(ROOT), "libonnx-testdata is not installed");
        List<Path> sets;
        try (Stream<Path> dirs = Files.find(ROOT, 3,
                (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("test_data_set_"))) {
            sets = dirs.sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int files = 0;
        int sequencesOrOptionals = 0;
        for (Path set : sets) {
            try {
                Graph graph = new OnnxReader().read(set.resolveSibling("model.onnx")).graph();
                TestDataSet data = TestDataSet.load(set, graph);
                for (DataValue v : concat(data)) {
                    files++;
                    if (!(v instanceof DataValue.TensorValue)) {
                        sequencesOrOptionals++;
                    }
                    checkWhole(v, set, problems);
                }
            } catch (Exception e) {
                problems.add(set + ": " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(sets).hasSizeGreaterThan(1000);
        assertThat(files).isGreaterThan(2500);
        assertThat(sequencesOrOptionals).isGreaterThan(10);
    }

    @Test
    void withoutATypeTheGuessAgreesWithTheTypedReadForEveryFile() throws Exception {
        assumeTrue(Files.isDirectory(ROOT), "libonnx-testdata is not installed");
        List<String> problems = new ArrayList<>();
        List<Path> pbs;
        try (Stream<Path> all = Files.find(ROOT, 4, (p, a) -> p.toString().endsWith(".pb"))) {
            pbs = all.sorted().toList();
        }
        for (Path pb : pbs) {
            Graph graph = new OnnxReader().read(pb.getParent().resolveSibling("model.onnx")).graph();
            String file = pb.getFileName().toString();
            int index = Integer.parseInt(file.replaceAll("\\D", ""));
            var declared = (file.startsWith("input") ? graph.inputs() : graph.outputs()).get(index).type();
            DataValue typed = DataFiles.read(pb, declared);
            DataValue guessed = DataFiles.read(pb);
            if (typed.getClass() != guessed.getClass()) {
                problems.add(pb + ": typed " + typed.getClass().getSimpleName() + ", guessed "
                        + guessed.getClass().getSimpleName());
            }
        }
        System.out.printf("test data: %d .pb files, %d where the untyped guess differs from the typed read%n",
                pbs.size(), problems.size());
        assertThat(pbs).hasSizeGreaterThan(2500);
        // An OptionalProto and a SequenceProto of at most one element are the same bytes (same field
        // numbers); the suite has 8 such optionals, which the guess reads as sequences. Nothing else may differ.
        assertThat(problems).allMatch(p -> p.endsWith("typed OptionalValue, guessed SequenceValue")).hasSizeLessThan(10);
    }

    private static List<DataValue> concat(TestDataSet data) {
        List<DataValue> all = new ArrayList<>(data.inputs().values());
        all.addAll(data.expectedOutputs().values());
        return all;
    }

    private static void checkWhole(DataValue value, Path set, List<String> problems) throws Exception {
        switch (value) {
            case DataValue.TensorValue t -> {
                Tensor tensor = t.tensor();
                if (tensor.elementType() == ElementType.STRING) {
                    if (tensor.data().readStrings().size() != tensor.elementCount()) {
                        problems.add(set + " " + tensor.name() + ": string count");
                    }
                } else if (tensor.data().readRaw().remaining() != tensor.byteSize()) {
                    problems.add(set + " " + tensor.name() + ": byte size");
                }
            }
            case DataValue.SequenceValue s -> {
                for (DataValue e : s.elements()) {
                    checkWhole(e, set, problems);
                }
            }
            case DataValue.MapValue m -> checkWhole(m.values(), set, problems);
            case DataValue.OptionalValue o -> {
                if (o.value().isPresent()) {
                    checkWhole(o.value().get(), set, problems);
                }
            }
        }
        if (value.type() instanceof ValueType.Unknown) {
            problems.add(set + ": value without a type");
        }
    }
}
