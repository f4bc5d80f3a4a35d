import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step of the installer: records an ahead-of-time cache (JEP 483/514, JDK 25) for the
 * jpackage'd app image and tells its launcher to use it, so the installed app starts with its
 * classes already loaded and linked.
 *
 * <p>It runs the image's own runtime with exactly the class path, main class and options of the
 * launcher's {@code .cfg} file (a cache only maps when these match), with
 * {@code -XX:AOTCacheOutput}, on a headless training workload; then appends
 * {@code -XX:AOTCache=$APPDIR/NAME.aot} to the {@code .cfg}. The cache refers to the jars by
 * their place inside the image, so it stays valid wherever the image is installed.
 *
 * <pre>
 * java AotTrainer.java APP_DIR LAUNCHER_NAME JAVA TRAINING_ARGS
 *   APP_DIR        the image's application folder (Linux: lib/app), holding LAUNCHER_NAME.cfg
 *   JAVA           the image's runtime java executable
 *   TRAINING_ARGS  arguments for the main class during the training run (a headless verb); one
 *                  argument split at spaces, or several
 * </pre>
 */
public final class AotTrainer {

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: java AotTrainer.java APP_DIR LAUNCHER_NAME JAVA TRAINING_ARGS");
            System.exit(2);
        }
        Path appDir = Path.of(args[0]).toAbsolutePath();
        String name = args[1];
        Path javaExe = Path.of(args[2]);
        List<String> training = new ArrayList<>();
        for (String a : List.of(args).subList(3, args.length)) {
            training.addAll(List.of(a.strip().split("\\s+")));
        }
        Path cfg = appDir.resolve(name + ".cfg");
        Path cache = appDir.resolve(name + ".aot");

        LauncherConfig launcher = LauncherConfig.read(cfg, appDir);
        List<String> command = new ArrayList<>();
        command.add(javaExe.toString());
        command.add("-XX:AOTCacheOutput=" + cache);
        command.addAll(launcher.javaOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, launcher.classPath()));
        command.add(launcher.mainClass());
        command.addAll(training);

        System.out.println("AotTrainer: training run: " + String.join(" ", training));
        Files.deleteIfExists(cache);
        Process p = new ProcessBuilder(command).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0 || !Files.isRegularFile(cache)) {
            throw new IllegalStateException("the AOT training run failed (exit code " + rc + "); see its output above");
        }
        if (launcher.javaOptions().stream().noneMatch(o -> o.startsWith("-XX:AOTCache="))) {
            appendJavaOption(cfg, "-XX:AOTCache=$APPDIR/" + cache.getFileName());
        }
        System.out.printf("AotTrainer: %s (%.1f MB), used by %s%n", cache.getFileName(), Files.size(cache) / 1e6,
                cfg.getFileName());
    }

    /** The parts of a jpackage launcher .cfg that decide whether a cache maps; $APPDIR expanded. */
    record LauncherConfig(List<String> classPath, String mainClass, List<String> javaOptions) {
        static LauncherConfig read(Path cfg, Path appDir) throws IOException {
            List<String> cp = new ArrayList<>();
            List<String> options = new ArrayList<>();
            String main = null;
            for (String line : Files.readAllLines(cfg)) {
                String value = line.substring(line.indexOf('=') + 1)
                        .replace("$APPDIR", appDir.toString()); // the only variable our options use
                if (line.startsWith("app.classpath=")) {
                    cp.add(value);
                } else if (line.startsWith("app.mainclass=")) {
                    main = value;
                } else if (line.startsWith("java-options=")) {
                    options.add(value);
                }
            }
            if (main == null || cp.isEmpty()) {
                throw new IllegalStateException(cfg + " has no app.mainclass or app.classpath");
            }
            return new LauncherConfig(cp, main, options);
        }
    }

    /** Adds an option after the last java-options line, where jpackage's launcher reads them. */
    static void appendJavaOption(Path cfg, String option) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("java-options=")) {
                last = i;
            }
        }
        if (last < 0) {
            lines.add("[JavaOptions]");
            last = lines.size() - 1;
        }
        lines.add(last + 1, "java-options=" + option);
        Files.write(cfg, lines);
    }

    private AotTrainer() {}
}
