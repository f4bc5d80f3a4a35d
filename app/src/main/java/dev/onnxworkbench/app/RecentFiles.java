package dev.onnxworkbench.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;

/** The most recently opened model files, newest first, kept in the preferences so they survive restarts. */
public final class RecentFiles {
    static final int MAX = 10;
    private static final String KEY = "recentFiles";
    private static final String LAST_DIRECTORY = "lastDirectory";

    private final Preferences preferences;

    public RecentFiles(Preferences preferences) {
        this.preferences = preferences;
    }

    public List<Path> list() {
        String joined = preferences.get(KEY, "");
        if (joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split("\n")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** Moves {@code file} to the top, dropping the oldest beyond {@link #MAX}; remembers its folder. */
    public void add(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(absolute);
        paths.addFirst(absolute);
        while (paths.size() > MAX) {
            paths.removeLast();
        }
        save(paths);
        if (absolute.getParent() != null) {
            preferences.put(LAST_DIRECTORY, absolute.getParent().toString());
        }
    }

    public void remove(Path file) {
        List<Path> paths = new ArrayList<>(list());
        paths.remove(file.toAbsolutePath().normalize());
        save(paths);
    }

    public void clear() {
        preferences.remove(KEY);
    }

    /** The folder of the last opened or exported file, for the file choosers. */
    public Path lastDirectory() {
        String dir = preferences.get(LAST_DIRECTORY, "");
        return dir.isEmpty() ? null : Path.of(dir);
    }

    public void rememberDirectory(Path directory) {
        if (directory != null) {
            preferences.put(LAST_DIRECTORY, directory.toAbsolutePath().toString());
        }
    }

    private void save(List<Path> paths) {
        preferences.put(KEY, String.join("\n", paths.stream().map(Path::toString).toList()));
    }
}
