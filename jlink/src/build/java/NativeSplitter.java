import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the installer (run by Maven as a single-file Java program, so it works the same on
 * Linux, Windows and macOS): copies a jar without its native libraries and writes the natives that
 * belong to this platform into a folder.
 *
 * <p>Why: ONNX Runtime's GPU jar carries 970 MB of Linux and Windows natives and extracts them to a
 * temporary folder at every start; JavaFX's jars extract theirs to ~/.openjfx. The installer ships
 * each native library once, as a plain file, for the current OS only, and the app loads it in place
 * ({@code onnxruntime.native.path}; JavaFX looks next to its runtime image's libraries).
 *
 * <pre>
 * java NativeSplitter.java PLATFORM NATIVES_DIR IN=OUT...
 *   PLATFORM     ONNX Runtime's folder name for this OS: linux-x64, linux-aarch64, win-x64, osx-x64, osx-aarch64
 *   NATIVES_DIR  where this platform's libraries go (flat)
 *   IN=OUT       a jar and the path of its copy, or a folder of jars and the folder for their copies
 * </pre>
 * A native library is kept when it sits at the jar's root (JavaFX: a platform jar holds one OS) or
 * under a folder named PLATFORM; natives of any other platform are dropped.
 */
public final class NativeSplitter {

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java NativeSplitter.java PLATFORM NATIVES_DIR IN.jar=OUT.jar...");
            System.exit(2);
        }
        String platform = args[0];
        Path nativesDir = Path.of(args[1]);
        Files.createDirectories(nativesDir);
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("expected IN.jar=OUT.jar, got " + args[i]);
            }
            Path in = Path.of(pair[0]);
            Path out = Path.of(pair[1]);
            if (Files.isDirectory(in)) {
                Files.createDirectories(out);
                try (Stream<Path> jars = Files.list(in)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        report(jar, split(jar, out.resolve(jar.getFileName()), platform, nativesDir));
                    }
                }
            } else {
                report(in, split(in, out, platform, nativesDir));
            }
        }
    }

    private static void report(Path jar, Result r) {
        System.out.printf("NativeSplitter: %s: %d natives kept, %d of other platforms dropped%n",
                jar.getFileName(), r.kept.size(), r.dropped);
    }

    private record Result(List<String> kept, int dropped) {}

    static Result split(Path in, Path out, String platform, Path nativesDir) throws IOException {
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (ZipFile zip = new ZipFile(in.toFile());
             ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e : zip.stream().toList()) {
                String name = e.getName();
                if (!e.isDirectory() && isNativeLibrary(name)) {
                    if (belongsTo(name, platform)) {
                        Path target = nativesDir.resolve(name.substring(name.lastIndexOf('/') + 1));
                        try (InputStream is = zip.getInputStream(e)) {
                            Files.copy(is, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        kept.add(target.getFileName().toString());
                    } else {
                        dropped++;
                    }
                    continue;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(e.getTime()); // keep the jar reproducible across builds
                jar.putNextEntry(copy);
                if (!e.isDirectory()) {
                    try (InputStream is = zip.getInputStream(e)) {
                        is.transferTo(jar);
                    }
                }
                jar.closeEntry();
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return new Result(kept, dropped);
    }

    static boolean isNativeLibrary(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".so") || n.matches(".*\\.so\\.[0-9.]+") || n.endsWith(".dll") || n.endsWith(".dylib")
                || n.endsWith(".jnilib");
    }

    static boolean belongsTo(String name, String platform) {
        return !name.contains("/") || name.contains("/" + platform + "/");
    }

    private NativeSplitter() {}
}
