package dev.onnxworkbench.app;

import dev.onnxworkbench.app.task.FxTaskExecutor;
import dev.onnxworkbench.models.ops.OperatorCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.prefs.Preferences;

/**
 * The application's shared services, created once when the application starts and passed to every
 * view by constructor (no singletons).
 *
 * <ul>
 *   <li>{@link #background()}: daemon threads for reading, layout, inference and statistics; the FX
 *       thread never does that work itself. Threads get a large stack (ELK recurses along long chains).</li>
 *   <li>{@link #dataDirectory()}: where the app keeps files (bundled samples, caches). Override with
 *       {@code -Donnxworkbench.data=DIR}.</li>
 *   <li>{@link #preferences()}: recent files, window bounds, theme, toggles.</li>
 *   <li>{@link #catalog()}: the operator catalog (categories, versions in effect, formal names).</li>
 *   <li>{@link #themes()}: the current light/dark theme.</li>
 *   <li>{@link #openLink(String)}: opens a web page in the user's browser (HostServices in the app).</li>
 * </ul>
 */
public final class AppServices implements AutoCloseable {
    /** System property that moves the data directory (tests, portable installs). */
    public static final String DATA_DIR_PROPERTY = "onnxworkbench.data";
    private static final long BACKGROUND_STACK_BYTES = 64L << 20;

    private final ExecutorService background;
    private final dev.onnxworkbench.models.runtime.SessionFactory sessions;
    private final FxTaskExecutor tasks;
    private final Path dataDirectory;
    private final Preferences preferences;
    private final ThemeManager themes;
    private final Consumer<String> linkOpener;
    private final dev.onnxworkbench.app.tune.SessionConfigChoice sessionConfig =
            new dev.onnxworkbench.app.tune.SessionConfigChoice();
    private volatile OperatorCatalog catalog;
    private volatile boolean dataDirectoryCreated;
    private final java.util.List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AppServices(ExecutorService background, Path dataDirectory, Preferences preferences,
                       Consumer<String> linkOpener) {
        this.background = Objects.requireNonNull(background);
        this.tasks = new FxTaskExecutor(background);
        this.dataDirectory = Objects.requireNonNull(dataDirectory);
        this.sessions = new dev.onnxworkbench.models.runtime.SessionFactory(
                new dev.onnxworkbench.models.runtime.NativeLibraries(dataDirectory.resolve("native")));
        this.preferences = Objects.requireNonNull(preferences);
        this.linkOpener = Objects.requireNonNull(linkOpener);
        this.themes = new ThemeManager(preferences);
    }

    /** The services of the installed application: user data directory and user preferences. */
    public static AppServices forUser(Consumer<String> linkOpener) {
        return new AppServices(newBackgroundExecutor(), defaultDataDirectory(),
                Preferences.userRoot().node("dev/onnxworkbench/app"), linkOpener);
    }

    /**
     * The one ONNX Runtime session factory of the window's views (Predict, Compare, Inside, Compare Runs,
     * Tune, Serve): its native libraries are prepared once, in the data folder, on first use off the FX thread.
     */
    public dev.onnxworkbench.models.runtime.SessionFactory sessions() {
        return sessions;
    }

    public ExecutorService background() {
        return background;
    }

    /** Runs {@link dev.onnxworkbench.app.task.BackgroundTask}s on the background threads, results on the FX thread. */
    public FxTaskExecutor tasks() {
        return tasks;
    }

    /** The data directory, created on first use (the app's start does that off the FX thread). */
    public Path dataDirectory() {
        if (!dataDirectoryCreated) {
            try {
                Files.createDirectories(dataDirectory);
                dataDirectoryCreated = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
            }
        }
        return dataDirectory;
    }

    public Preferences preferences() {
        return preferences;
    }

    public ThemeManager themes() {
        return themes;
    }

    /** The session config loaded with Run ▸ Load Session Config… (Predict and Compare use it). */
    public dev.onnxworkbench.app.tune.SessionConfigChoice sessionConfig() {
        return sessionConfig;
    }

    /** The bundled operator catalog, parsed on first use (off the FX thread, by whoever asks first). */
    public OperatorCatalog catalog() {
        OperatorCatalog c = catalog;
        if (c == null) {
            synchronized (this) {
                if (catalog == null) {
                    catalog = OperatorCatalog.loadBundled();
                }
                c = catalog;
            }
        }
        return c;
    }

    /** Opens a web page (an operator's documentation) in the user's browser. */
    public void openLink(String url) {
        linkOpener.accept(url);
    }

    /**
     * Cancels running work and stops the background threads (daemons, so this matters for tests and for a
     * quiet exit): work started later is refused without a stack trace.
     */
    @Override
    public void close() {
        tasks.shutdown();
        background.shutdownNow();
        onClose.forEach(Runnable::run);
    }

    /** Runs {@code action} when the services close, after the background threads were told to stop. */
    public void onClose(Runnable action) {
        onClose.add(Objects.requireNonNull(action));
    }

    /** A small pool of daemon threads with large stacks, named for thread dumps. */
    public static ExecutorService newBackgroundExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread t = new Thread(null, task, "workbench-background-" + count.incrementAndGet(), BACKGROUND_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        return Executors.newFixedThreadPool(threads, factory);
    }

    /** ~/.local/share/onnx-workbench on Linux (XDG), Application Support on macOS, %LOCALAPPDATA% on Windows. */
    static Path defaultDataDirectory() {
        String override = System.getProperty(DATA_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "ONNX Workbench");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "ONNX Workbench");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("onnx-workbench");
    }
}
