package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.graph.TensorData;
import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Values in a file next to the model; checked (exists, big enough) at open time, memory-mapped on demand. */
final class ExternalTensorData implements TensorData {
    private final ExternalDataResolver.ResolvedFile file;
    private final long offset;
    private final long length;
    private final long expectedBytes;
    private final String description;

    ExternalTensorData(ExternalDataResolver.ResolvedFile file, long offset, long length, long expectedBytes,
                       String description) {
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.expectedBytes = expectedBytes;
        this.description = description;
    }

    @Override
    public ByteBuffer readRaw() throws ModelReadException {
        if (expectedBytes >= 0 && length != expectedBytes) {
            throw new ModelReadException(Kind.CORRUPT,
                    description + " declares " + HumanUnits.bytes(expectedBytes) + " of values but its external data in "
                            + file.location() + " is " + HumanUnits.bytes(length) + " long; the model is damaged.");
        }
        if (length > Integer.MAX_VALUE) {
            throw new ModelReadException(Kind.TOO_LARGE,
                    description + " holds " + HumanUnits.bytes(length) + " in " + file.location()
                            + "; a single tensor over 2 GB cannot be viewed at once.");
        }
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset + length > size) {
                throw new ModelReadException(Kind.TRUNCATED,
                        file.location() + " is now " + HumanUnits.bytes(size) + ", too short for " + description
                                + "; it changed after the model was opened.");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).asReadOnlyBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelReadException(Kind.IO,
                    "Could not read " + file.location() + " for " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> readStrings() {
        return List.of();
    }

    @Override
    public String describeLocation() {
        return "external: " + file.location() + " @ " + offset + " (" + HumanUnits.bytes(length) + ")";
    }

    @Override
    public boolean isExternal() {
        return true;
    }
}
