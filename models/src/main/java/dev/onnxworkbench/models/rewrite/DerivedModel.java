package dev.onnxworkbench.models.rewrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model file written by {@link ModelRewriter} into a private temporary folder (hard links to the
 * original external data files sit next to it). Close it to delete the folder; the original is never touched.
 *
 * @param path         the derived .onnx file, for {@code SessionFactory.open}
 * @param addedOutputs the graph outputs the rewrite added (marked intermediates), in graph order
 */
public record DerivedModel(Path path, List<String> addedOutputs) implements AutoCloseable {
    public DerivedModel {
        addedOutputs = List.copyOf(addedOutputs);
    }

    /** Deletes the private folder (removing a hard link leaves the original file as it is). */
    @Override
    public void close() {
        Path folder = path.getParent();
        if (!Files.exists(folder)) {
            return; // closed before
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(DerivedModel.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete the temporary model folder " + folder, e);
        }
    }
}
