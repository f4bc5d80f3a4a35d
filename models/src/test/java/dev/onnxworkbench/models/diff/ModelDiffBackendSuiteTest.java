package dev.onnxworkbench.models.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every backend-suite model diffs as identical against itself, and any two neighbours diff without failing. */
class ModelDiffBackendSuiteTest {
    private static final Path ROOT = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void everyModelAgainstItselfAndItsNeighbour() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "libonnx-testdata is not installed");
        List<Path> models;
        try (Stream<Path> files = Files.find(ROOT, 3, (p, a) -> p.getFileName().toString().equals("model.onnx"))) {
            models = files.sorted().toList();
        }
        OnnxReader reader = new OnnxReader();
        List<String> problems = new ArrayList<>();
        Model previous = null;
        for (Path file : models) {
            Model m;
            try {
                m = reader.read(file);
            } catch (Exception unreadable) {
                continue; // the reader's own tests cover files it refuses
            }
            try {
                ModelDiffReport self = ModelDiff.compare(m, reader.read(file));
                if (!self.identical() || self.matches().size() != m.graph().nodes().size()) {
                    problems.add(file + ": " + self.summaryText());
                }
                if (previous != null) {
                    ModelDiffReport other = ModelDiff.compare(previous, m);
                    long paired = other.matches().size();
                    if (paired + other.count(ModelDiffReport.Status.REMOVED) != previous.graph().nodes().size()) {
                        problems.add(file + ": pairing does not account for every node of A");
                    }
                }
            } catch (Exception e) {
                problems.add(file + ": " + e);
            }
            previous = m;
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.stream().limit(5).toList());
    }
}
