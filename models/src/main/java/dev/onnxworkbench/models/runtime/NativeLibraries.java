package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Puts ONNX Runtime's native libraries in one folder per installation and points ONNX Runtime at it
 * (system property {@value #NATIVE_PATH_PROPERTY}) before it loads, so a launch does not unpack
 * 30 MB (and, for CUDA, 580 MB) into /tmp every time. The core libraries are copied on the first
 * {@link #prepare()}, a provider's library on the first session that asks for it.
 *
 * <p>If the property is already set (the installer sets it to its bundled folder), that folder is used
 * as is and nothing is copied.
 */
public final class NativeLibraries {
    /** ONNX Runtime's own property for a folder holding all its shared libraries. */
    public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

    /** Same override as the app's data directory ({@code -Donnxworkbench.data=DIR}). */
    public static final String DATA_DIR_PROPERTY = "onnxworkbench.data";

    private static final String RESOURCE_ROOT = "/ai/onnxruntime/native/";
    private static final List<String> CORE = List.of("onnxruntime", "onnxruntime4j_jni", "onnxruntime_providers_shared");

    private final Path cacheRoot;
    private Path directory;
    private boolean managed;

    /** Libraries go under {@code cacheRoot/onnxruntime-<version>-<build>/<os-arch>/}. */
    public NativeLibraries(Path cacheRoot) {
        this.cacheRoot = cacheRoot.toAbsolutePath();
    }

    /** The default: {@code <data directory>/native}. */
    public static NativeLibraries inDefaultLocation() {
        return new NativeLibraries(defaultDataDirectory().resolve("native"));
    }

    /**
     * Where the workbench keeps per-user data: {@code -Donnxworkbench.data}, else {@code $XDG_DATA_HOME/onnx-workbench} (or
     * {@code ~/.local/share/onnx-workbench}) on Linux, {@code %LOCALAPPDATA%\ONNX Workbench} on Windows,
     * {@code ~/Library/Application Support/ONNX Workbench} on macOS.
     */
    public static Path defaultDataDirectory() {
        String override = System.getProperty(DATA_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData/Local")).resolve("ONNX Workbench");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/ONNX Workbench");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("onnx-workbench");
    }

    /**
     * Makes sure the core libraries are in place and the property points at them; returns the folder.
     * Call before anything touches ONNX Runtime (it reads the property once, when it first loads).
     */
    public synchronized Path prepare() throws WorkbenchException {
        if (directory != null) {
            return directory;
        }
        String preset = System.getProperty(NATIVE_PATH_PROPERTY);
        if (preset != null && !preset.isBlank()) {
            directory = Path.of(preset);
            managed = false;
            return directory;
        }
        Path dir = cacheRoot.resolve("onnxruntime-" + ortVersion() + "-" + buildId()).resolve(osArch());
        for (String library : CORE) {
            extract(dir, library);
        }
        System.setProperty(NATIVE_PATH_PROPERTY, dir.toString());
        directory = dir;
        managed = true;
        return dir;
    }

    /** Copies a provider's library (CUDA, TensorRT) next to the core ones if this folder is ours and lacks it. */
    public synchronized void prepareProvider(ExecutionProvider provider) throws WorkbenchException {
        Path dir = prepare();
        if (!managed) {
            return;
        }
        switch (provider) {
            case CPU -> { }
            case CUDA -> extract(dir, "onnxruntime_providers_cuda");
            case TENSORRT -> {
                extract(dir, "onnxruntime_providers_tensorrt");
                extract(dir, "onnxruntime_providers_cuda");
            }
        }
    }

    /** The folder ONNX Runtime loads from, once prepared. */
    public synchronized Path directory() throws WorkbenchException {
        return prepare();
    }

    /** Copies one library into {@code dir} unless an identical-size copy is there (tests call this directly). */
    void extractForTest(Path dir, String library) throws WorkbenchException {
        extract(dir, library);
    }

    private void extract(Path dir, String library) throws WorkbenchException {
        String fileName = System.mapLibraryName(library);
        String resource = RESOURCE_ROOT + osArch() + "/" + fileName;
        URL url = NativeLibraries.class.getResource(resource);
        if (url == null) {
            return; // this build of ONNX Runtime does not ship it for this platform; ORT reports what is missing
        }
        Path target = dir.resolve(fileName);
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            if (Files.isRegularFile(target) && (size < 0 || Files.size(target) == size)) {
                return;
            }
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, fileName, ".partial");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                // Atomic: a second process that races us sees either nothing or the whole library.
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not copy ONNX Runtime's library " + fileName + " to " + dir + ": "
                    + e.getMessage() + ". Check free disk space and that the folder is writable.", e);
        }
    }

    /**
     * ONNX Runtime creates an {@code onnxruntime-java*} folder in the temp directory on every load even when
     * it loads everything from {@value #NATIVE_PATH_PROPERTY}; once it has loaded, remove that folder if it
     * is empty, so launches leave nothing behind. Best effort: a runtime where the field is not reachable
     * (module encapsulation, another ORT version) keeps the empty folder.
     */
    public void removeEmptyOrtTempDirectory() {
        try {
            Class<?> loader = Class.forName("ai.onnxruntime.OnnxRuntime");
            java.lang.reflect.Field field = loader.getDeclaredField("tempDirectory");
            field.setAccessible(true);
            if (field.get(null) instanceof Path temp && Files.isDirectory(temp)) {
                try (var entries = Files.list(temp)) {
                    if (entries.findAny().isEmpty()) {
                        Files.deleteIfExists(temp);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            // Leaves an empty folder behind; nothing the user needs to know.
        }
    }

    /** ONNX Runtime's platform folder names inside its jar. */
    static String osArch() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("win") ? "win" : os.contains("mac") ? "osx" : "linux";
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return osPart + "-" + archPart;
    }

    private static String ortVersion() {
        Package p = ai.onnxruntime.OrtException.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** The commit ONNX Runtime was built from: two builds of one version never share a folder. */
    private static String buildId() {
        try (InputStream in = ai.onnxruntime.OrtException.class.getResourceAsStream("/GIT_COMMIT_ID")) {
            if (in == null) {
                return "nobuild";
            }
            String id = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
            return id.length() > 12 ? id.substring(0, 12) : id;
        } catch (IOException e) {
            return "nobuild";
        }
    }
}
