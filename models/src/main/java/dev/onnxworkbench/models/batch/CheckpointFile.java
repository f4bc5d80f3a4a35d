package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file sink's committed position, kept in a JSON sidecar: the {@link Checkpoint} plus one number of the
 * sink's own ({@code bytes} of a text file, {@code parts} of a Parquet folder). Written to a temporary file,
 * synced, then renamed into place, so a killed job leaves the old position or the new one, never half of one.
 */
final class CheckpointFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a commit recorded: the checkpoint and the sink's own position. */
    record Saved(Checkpoint checkpoint, long position) {}

    private final Path file;
    private final String positionField;

    CheckpointFile(Path file, String positionField) {
        this.file = file;
        this.positionField = positionField;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    Saved read() throws IOException {
        if (!(JSON.readTree(file.toFile()) instanceof ObjectNode p)) {
            throw new IOException(file.getFileName() + " is not a JSON object");
        }
        return new Saved(new Checkpoint(p.path("sourceRows").asLong(), p.path("predicted").asLong(),
                p.path("errors").asLong()), p.path(positionField).asLong());
    }

    void write(Checkpoint checkpoint, long position) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("sourceRows", checkpoint.sourceRows());
        p.put("predicted", checkpoint.predicted());
        p.put("errors", checkpoint.errors());
        p.put(positionField, position);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, p.toString());
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
