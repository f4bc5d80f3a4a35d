package dev.onnxworkbench.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private temporary folders (edit drafts, precision copies, profiler traces) that are removed with their files
 * when the owner is done, and at the latest when the program exits. {@code File.deleteOnExit} removes only an
 * empty folder, so folders holding drafts used to stay in /tmp for ever (37 MB for one real model's edits).
 */
public final class TemporaryFolders {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TemporaryFolders::deleteTree),
                "delete-temporary-folders"));
    }

    private TemporaryFolders() {}

    /** A new private folder under the system's temporary folder, removed at exit unless {@link #delete}d before. */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        LIVE.add(dir);
        return dir;
    }

    /**
     * Removes {@code dir} and everything in it, quietly (a leftover temporary file is not worth failing for); only
     * a folder {@link #create} made, so a wrong path can never delete a user's files.
     */
    public static void delete(Path dir) {
        if (dir != null && LIVE.remove(dir)) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort, as above
        }
    }
}
