package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.graph.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Values stored in {@code raw_data}: a view on the (memory-mapped) model bytes, never copied. */
final class RawTensorData implements TensorData {
    private final ByteBuffer raw;
    private final long expectedBytes;
    private final String description;

    /**
     * @param expectedBytes the size the tensor's type and dims call for, or -1 when it cannot be known
     * @param description   the tensor for error messages, e.g. "initializer 'fc.weight' in model.onnx"
     */
    RawTensorData(ByteBuffer raw, long expectedBytes, String description) {
        this.raw = raw; // a zero-based read-only view: a stripper slice or an inline field
        this.expectedBytes = expectedBytes;
        this.description = description;
    }

    @Override
    public ByteBuffer readRaw() throws ModelReadException {
        if (expectedBytes >= 0 && raw.remaining() != expectedBytes) {
            throw new ModelReadException(ModelReadException.Kind.CORRUPT,
                    description + " declares " + HumanUnits.bytes(expectedBytes) + " of values but holds "
                            + HumanUnits.bytes(raw.remaining()) + "; the file is damaged or was written incorrectly.");
        }
        return raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public List<String> readStrings() {
        return List.of();
    }

    @Override
    public String describeLocation() {
        return "inline raw_data (" + HumanUnits.bytes(raw.remaining()) + ")";
    }

    @Override
    public boolean isExternal() {
        return false;
    }
}
