package dev.onnxworkbench.models.rewrite;

import dev.onnxworkbench.models.TemporaryFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model file written by {@link ModelRewriter} into a private temporary folder (hard links to the
 * original external data files sit next to it). Close it to delete the folder; the original is never touched.
 *
 * @param path         the derived .onnx file, for {@code SessionFactory.open}
 * @param addedOutputs the graph outputs the rewrite added (marked intermediates), in graph order
 */
public record DerivedModel(Path path, List<String> addedOutputs, List<Path> created, boolean ownsFolder)
        implements AutoCloseable {
    public DerivedModel {
        addedOutputs = List.copyOf(addedOutputs);
        created = List.copyOf(created);
    }

    /**
     * Deletes what the rewrite created: the whole private folder from {@link ModelRewriter#write()}, only the
     * model file and data links in a folder given to {@link ModelRewriter#writeTo} (removing a hard link
     * leaves the original file as it is).
     */
    @Override
    public void close() {
        Path folder = path.getParent();
        if (!Files.exists(folder)) {
            return; // closed before
        }
        if (!ownsFolder) {
            for (Path p : created) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.getLogger(DerivedModel.class.getName()).log(System.Logger.Level.WARNING,
                            "could not delete " + p, e);
                }
            }
            return;
        }
        TemporaryFolders.delete(folder);
    }
}
