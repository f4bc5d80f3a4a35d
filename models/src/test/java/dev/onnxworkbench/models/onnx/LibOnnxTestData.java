package dev.onnxworkbench.models.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Debian's libonnx-testdata: the ONNX backend test suite (CI installs it; tests skip cleanly without it). */
final class LibOnnxTestData {
    static final Path ROOT = Path.of("/usr/share/libonnx-testdata/data");

    private LibOnnxTestData() {
    }

    static boolean installed() {
        return Files.isDirectory(ROOT);
    }

    /** Every model.onnx in the suite, sorted for stable output. */
    static List<Path> models() {
        try (Stream<Path> files = Files.find(ROOT, 3, (p, a) -> p.getFileName().toString().equals("model.onnx"))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every test_data_set_N folder in the suite. */
    static List<Path> dataSets() {
        try (Stream<Path> dirs = Files.find(ROOT, 3,
                (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("test_data_set_"))) {
            return dirs.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
