package dev.onnxworkbench.app.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last inputs used with each model, kept as small JSON files under the data directory
 * ({@code predict-inputs/<hash of the model path>.json}) so a form comes back as the user left it.
 * Blocking file I/O: call from a background thread.
 */
final class InputMemory {

    /** What a form remembers: sizes of dynamic dimensions and each editor's saved text. */
    record Saved(Map<String, String> sizes, Map<String, String> inputs) {
        Saved {
            sizes = Map.copyOf(sizes);
            inputs = Map.copyOf(inputs);
        }

        static final Saved NONE = new Saved(Map.of(), Map.of());
    }

    /** The file's layout; the model path is there for people looking into the folder. */
    record Stored(String model, Map<String, String> sizes, Map<String, String> inputs) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path folder;

    InputMemory(Path dataDirectory) {
        this.folder = dataDirectory.resolve("predict-inputs");
    }

    Saved load(Path model) {
        Path file = fileFor(model);
        if (!Files.isRegularFile(file)) {
            return Saved.NONE;
        }
        try {
            Stored content = JSON.readValue(file.toFile(), Stored.class);
            return new Saved(content.sizes() == null ? Map.of() : content.sizes(),
                    content.inputs() == null ? Map.of() : content.inputs());
        } catch (IOException | RuntimeException unreadable) {
            // A damaged memory file only costs the user their last inputs; start fresh.
            return Saved.NONE;
        }
    }

    void save(Path model, Saved saved) throws IOException {
        Files.createDirectories(folder);
        Stored content = new Stored(model.toAbsolutePath().toString(), new LinkedHashMap<>(saved.sizes()),
                new LinkedHashMap<>(saved.inputs()));
        Path file = fileFor(model);
        Path temporary = Files.createTempFile(folder, "inputs", ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path fileFor(Path model) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(model.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest, 0, 12) + ".json");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
