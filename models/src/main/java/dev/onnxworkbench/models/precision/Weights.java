package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads weight values from the memory-mapped model and collects the values of new tensors (converted or
 * quantized weights) as extra payloads for {@link MappedModelProto#write}. Untouched tensors are never read:
 * they are written straight from the mapping.
 */
final class Weights {
    private final MappedModelProto mapped;
    private final List<ByteBuffer> added = new ArrayList<>();

    Weights(MappedModelProto mapped) {
        this.mapped = mapped;
    }

    MappedModelProto mapped() {
        return mapped;
    }

    /** A float tensor's values (one tensor at a time on the heap). */
    float[] floats(TensorProto t) throws WorkbenchException {
        ByteBuffer raw = addedPayload(t);
        if (raw == null) {
            raw = mapped.tensor(t, "weight").data().readRaw();
        }
        raw = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.remaining() / 4];
        raw.asFloatBuffer().get(values);
        return values;
    }

    /** The values of a tensor made here (a folded weight), or null for one of the file's. */
    private ByteBuffer addedPayload(TensorProto t) {
        if (!t.hasRawData() || t.getRawData().size() != 4) {
            return null;
        }
        var r = t.getRawData();
        int index = (r.byteAt(0) & 0xFF) | (r.byteAt(1) & 0xFF) << 8 | (r.byteAt(2) & 0xFF) << 16
                | (r.byteAt(3) & 0xFF) << 24;
        int local = index - mapped.payloadCount();
        return local >= 0 && local < added.size() ? added.get(local) : null;
    }

    long count(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** A copy of {@code t} (name, dims, doc kept) whose values are {@code bytes}, typed {@code dataType}. */
    TensorProto replace(TensorProto t, int dataType, ByteBuffer bytes) {
        return TensorProto.newBuilder().setName(t.getName()).addAllDims(t.getDimsList()).setDataType(dataType)
                .setDocString(t.getDocString()).setRawData(reference(bytes)).build();
    }

    /** A new tensor. */
    TensorProto tensor(String name, int dataType, long[] dims, ByteBuffer bytes) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(dataType);
        for (long d : dims) {
            b.addDims(d);
        }
        return b.setRawData(reference(bytes)).build();
    }

    TensorProto floats(String name, long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, ElementTypes.FLOAT, dims, b);
    }

    TensorProto bytes(String name, int dataType, long[] dims, byte... values) {
        return tensor(name, dataType, dims, ByteBuffer.wrap(values));
    }

    TensorProto ints(String name, long[] dims, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, ElementTypes.INT32, dims, b);
    }

    private com.google.protobuf.ByteString reference(ByteBuffer bytes) {
        added.add(bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        return MappedModelProto.reference(mapped.payloadCount() + added.size() - 1);
    }

    List<ByteBuffer> added() {
        return added;
    }
}
