import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Build step of the installer: asks jdeps which JDK modules the application's jars need and writes
 * a jlink argument file {@code --add-modules a,b,c}. Computed at each build, so a new dependency
 * that needs, say, java.net.http cannot silently break the installed app.
 *
 * <pre>
 * java ModuleLister.java OUT.args JAVAFX_DIR JARS_DIR ALWAYS_MODULES
 *   JAVAFX_DIR      the JavaFX modular jars (module path, linked into the runtime)
 *   JARS_DIR        the application jar and its class-path dependencies
 *   ALWAYS_MODULES  comma-separated modules added whatever jdeps says (those reached only by
 *                   reflection or service loading, e.g. jdk.zipfs, and the JavaFX modules)
 * </pre>
 */
public final class ModuleLister {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java ModuleLister.java OUT.args JAVAFX_DIR JARS_DIR ALWAYS_MODULES");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path javafxDir = Path.of(args[1]);
        Path jarsDir = Path.of(args[2]);

        List<String> jars;
        try (Stream<Path> s = Files.list(jarsDir)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
        List<String> jdepsArgs = new ArrayList<>(List.of(
                "--print-module-deps", "--ignore-missing-deps", "--multi-release", String.valueOf(Runtime.version().feature()),
                "--module-path", javafxDir.toString()));
        jdepsArgs.addAll(jars);

        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
                () -> new IllegalStateException("jdeps not found: build the installer with a full JDK 25"));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int rc = jdeps.run(new PrintWriter(stdout), new PrintWriter(stderr), jdepsArgs.toArray(String[]::new));
        if (rc != 0) {
            System.err.print(stderr);
            throw new IllegalStateException("jdeps failed with exit code " + rc);
        }
        // jdeps prints warnings (split packages) before the answer: the module list is the last line.
        String[] lines = stdout.toString().strip().split("\\R");
        String found = lines[lines.length - 1].strip();

        TreeSet<String> modules = new TreeSet<>();
        for (String m : (found + "," + args[3]).split(",")) {
            if (!m.isBlank()) {
                modules.add(m.strip());
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, "--add-modules " + String.join(",", modules) + System.lineSeparator());
        System.out.println("ModuleLister: jdeps found " + found + "; linking " + String.join(",", modules));
    }

    private ModuleLister() {}
}
