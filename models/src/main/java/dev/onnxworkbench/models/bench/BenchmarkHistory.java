package dev.onnxworkbench.models.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Past comparisons per model, as JSON files under {@code <dataDirectory>/benchmarks/<model key>/}.
 * The key is the file name plus a hash of the file's size and first MiB, so a model that is moved
 * keeps its history and a different model with the same name does not share it.
 */
public final class BenchmarkHistory {
    private static final int HASHED_PREFIX = 1 << 20;

    private final Path root;

    public BenchmarkHistory(Path dataDirectory) {
        this.root = dataDirectory.resolve("benchmarks");
    }

    public Path save(Path model, BenchmarkReport report) throws BenchmarkException {
        try {
            Path dir = root.resolve(modelKey(model));
            Files.createDirectories(dir);
            String name = report.startedAt().toString().replace(':', '-') + ".json";
            Path file = dir.resolve(name);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, BenchmarkJson.write(report, true), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new BenchmarkException("Could not save the benchmark result under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Earlier reports of this model, newest first; files that cannot be read are skipped. */
    public List<BenchmarkReport> list(Path model) throws BenchmarkException {
        Path dir;
        try {
            dir = root.resolve(modelKey(model));
        } catch (IOException e) {
            throw new BenchmarkException("Could not read " + model + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<BenchmarkReport> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                try {
                    reports.add(BenchmarkJson.read(Files.readString(f)));
                } catch (BenchmarkException | IOException e) {
                    // one damaged file must not hide the others
                }
            }
        } catch (IOException e) {
            throw new BenchmarkException("Could not list " + dir + ": " + e.getMessage(), e);
        }
        reports.sort(Comparator.comparing(BenchmarkReport::startedAt).reversed());
        return reports;
    }

    static String modelKey(Path model) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(Files.size(model)).getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = Files.newInputStream(model)) {
                sha.update(in.readNBytes(HASHED_PREFIX));
            }
            String name = model.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            return name + "-" + HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
