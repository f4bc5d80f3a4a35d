package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.DiagramOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last few models opened, read and mapped, kept so that opening one again (switching between two models, File ▸
 * Open Recent) skips reading and mapping, and hands the graph view the same diagram, whose layout the view still has
 * cached: a 50,000-node model then shows in the time of one frame. An entry is used only while its file is unchanged
 * (same size and modification time). Bounded to {@link #CAPACITY} models. Thread-safe; called off the FX thread.
 */
final class RecentOpenings {
    /** Two: alternating between two models is the common case; each entry keeps a model and its diagram. */
    static final int CAPACITY = 2;

    private record Key(Path file, long size, long modified, DiagramOptions options) {}

    private final Map<Key, OpenedModel> entries = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, OpenedModel> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The model opened from {@code file} with {@code options}, if the file has not changed since. */
    synchronized Optional<OpenedModel> get(Path file, DiagramOptions options) {
        return key(file, options).map(entries::get);
    }

    synchronized void put(Path file, DiagramOptions options, OpenedModel opened) {
        key(file, options).ifPresent(k -> entries.put(k, opened));
    }

    synchronized void clear() {
        entries.clear();
    }

    private static Optional<Key> key(Path file, DiagramOptions options) {
        try {
            Path real = file.toAbsolutePath().normalize();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return Optional.of(new Key(real, a.size(), a.lastModifiedTime().toMillis(), options));
        } catch (IOException e) {
            return Optional.empty(); // gone or unreadable: the open itself will say so
        }
    }
}
