package dev.onnxworkbench.models.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.NpyWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes inspected tensors as {@code DIR/<sanitized name>.npy} and an {@code index.json} mapping each
 * tensor name to its file, type and shape. Names become file names by keeping letters, digits, '.', '-'
 * and '_' and replacing the rest with '_'; clashes get a numeric suffix.
 */
public final class TensorDump {
    private final Path dir;
    private final Set<String> used = new HashSet<>();
    private final Map<String, String> files = new LinkedHashMap<>();

    public TensorDump(Path dir) throws WorkbenchException {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WorkbenchException("Could not create the dump folder " + dir + ": " + IoReasons.of(e), e);
        }
    }

    /** The file name a tensor is dumped under (sanitized, unique within this dump). */
    public static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || s.startsWith(".")) {
            s = "_" + s;
        }
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    Path write(String name, HostTensor tensor) throws WorkbenchException {
        String base = sanitize(name);
        String file = base + ".npy";
        for (int i = 1; !used.add(file.toLowerCase(Locale.ROOT)); i++) {
            file = base + "_" + i + ".npy";
        }
        files.put(name, file);
        Path target = dir.resolve(file);
        try {
            NpyWriter.write(tensor, target);
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + target + ": " + IoReasons.of(e), e);
        }
        return target;
    }

    void writeIndex(List<TensorReport> reports) throws WorkbenchException {
        Map<String, Object> index = new LinkedHashMap<>();
        for (TensorReport r : reports) {
            if (r.npyFile() == null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", r.npyFile().getFileName().toString());
            entry.put("type", r.type());
            entry.put("shape", r.shape());
            index.put(r.name(), entry);
        }
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("index.json").toFile(), index);
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + dir.resolve("index.json") + ": " + IoReasons.of(e), e);
        }
    }
}
