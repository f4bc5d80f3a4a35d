package dev.onnxworkbench.app;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the first command-line argument asks for: a registered verb (run it headless), an existing
 * file or nothing (open the window), or a mistake (one line on stderr, no window). The verbs come
 * from the command line's registered subcommands, so a verb added there is recognised here too.
 */
sealed interface LaunchDecision {

    /** Run the command line with these arguments. */
    record RunVerb() implements LaunchDecision {}

    /** Open the window (on the model named in the arguments, if any). */
    record OpenWindow() implements LaunchDecision {}

    /** Print {@code message} on stderr and exit with {@code exitCode}, without a window. */
    record Refuse(String message, int exitCode) implements LaunchDecision {}

    /** Exit code for a command line that names neither a verb nor a file (picocli's usage-error code). */
    int USAGE = 2;

    /**
     * Decides from the arguments.
     *
     * @param verbs       the registered subcommand names (and aliases)
     * @param hasDisplay  whether a window could open (a missing file then opens the window with the error banner)
     * @param exists      whether a path names an existing file
     */
    static LaunchDecision of(String[] args, Set<String> verbs, boolean hasDisplay, Predicate<Path> exists) {
        if (args.length == 0) {
            return hasDisplay ? new OpenWindow()
                    : new Refuse("no display to open the window on (DISPLAY is not set); run a command instead, "
                            + "for example: onnx-workbench info MODEL.onnx (onnx-workbench --help lists them)", USAGE);
        }
        String first = args[0];
        if (first.startsWith("-") || verbs.contains(first)) {
            return new RunVerb(); // options (--help, --version, unknown ones) are the command line's to answer
        }
        Path path;
        try {
            path = Path.of(first);
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path != null && exists.test(path)) {
            if (Files.isDirectory(path)) {
                return new Refuse(first + " is a folder, not an ONNX model file", USAGE);
            }
            return hasDisplay ? new OpenWindow()
                    : new Refuse("no display to open " + first + " in a window (DISPLAY is not set); "
                            + "try: onnx-workbench info " + first, USAGE);
        }
        if (looksLikePath(first)) {
            // A file that is gone: the window would say so in its banner; without one, say it here.
            return hasDisplay ? new OpenWindow() : new Refuse(first + " does not exist", USAGE);
        }
        return new Refuse("'" + first + "' is not a command or an existing file (commands: "
                + String.join(", ", verbs.stream().sorted().toList()) + ")", USAGE);
    }

    /** A word with a folder separator or a file extension reads as a path; a bare word reads as a verb. */
    private static boolean looksLikePath(String arg) {
        return arg.contains("/") || arg.contains("\\") || arg.contains(".");
    }

    /** Whether this process can show a window: an X11 or Wayland display (or a non-Linux desktop), or the headless platform. */
    static boolean hasDisplay() {
        if ("Headless".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (!os.contains("linux") && !os.contains("bsd")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
