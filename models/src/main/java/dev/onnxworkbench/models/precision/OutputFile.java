package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a derived model to the user's output file: first into a temporary file next to it, then moved into
 * place, so a failed write leaves nothing half-written. The source file is never the target. Tensors that stay
 * in external data files keep them: the files are linked (or copied) next to the output when it lies elsewhere.
 */
final class OutputFile {
    private OutputFile() {
    }

    static void checkTarget(Path source, Path out) throws WorkbenchException {
        if (!Files.isRegularFile(source)) {
            throw new WorkbenchException("The model file " + source + " does not exist or is not a file.");
        }
        Path abs = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs) && Files.isSameFile(abs, source)) {
                throw new WorkbenchException("--out " + out + " is the model itself; the original is never overwritten.");
            }
        } catch (IOException e) {
            throw new WorkbenchException("Cannot check --out " + out + ": " + e.getMessage(), e);
        }
        Path folder = abs.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new WorkbenchException("Cannot write " + out + ": the folder " + folder + " does not exist.");
        }
        if (!Files.isWritable(folder) || Files.exists(abs) && !Files.isWritable(abs)) {
            throw new WorkbenchException("Cannot write " + out + ": permission denied.");
        }
    }

    static void write(MappedModelProto mapped, ModelProto proto, List<ByteBuffer> added, Path out)
            throws WorkbenchException {
        Path abs = out.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            for (Map.Entry<String, Path> e : mapped.externalFiles(proto).entrySet()) {
                Path next = abs.getParent().resolve(e.getKey()).normalize();
                if (!Files.exists(next)) {
                    Files.createDirectories(next.getParent());
                    try {
                        Files.createLink(next, e.getValue());
                    } catch (IOException | UnsupportedOperationException notLinkable) {
                        Files.copy(e.getValue(), next);
                    }
                } else if (!Files.isSameFile(next, e.getValue())) {
                    throw new WorkbenchException("Cannot write " + out + ": its external data file " + e.getKey()
                            + " would overwrite a different file of that name next to it.");
                }
            }
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            mapped.write(proto, added, tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is gone or will be with the folder
                }
            }
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
