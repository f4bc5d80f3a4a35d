package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Values stored in one of TensorProto's typed fields (float_data, int32_data, int64_data,
 * double_data, uint64_data). The schema declares them as bytes, so {@code packed} holds the
 * still-encoded packed payloads; writers that used the unpacked encoding left their values in
 * the unknown-field set ({@code unpackedVarints} / {@code unpackedFixed32} / {@code unpackedFixed64}).
 * Decoding into raw layout happens on {@link #readRaw()}.
 */
final class TypedTensorData implements TensorData {

    /** How the field's elements are encoded on the wire. */
    enum Encoding { FIXED32, FIXED64, VARINT }

    private final ElementType elementType;
    private final Encoding encoding;
    private final String fieldName;
    private final List<ByteBuffer> packed;
    private final List<Long> unpacked;
    private final long expectedBytes;
    private final String description;

    TypedTensorData(ElementType elementType, Encoding encoding, String fieldName, List<ByteBuffer> packed,
                    List<Long> unpacked, long expectedBytes, String description) {
        this.elementType = elementType;
        this.encoding = encoding;
        this.fieldName = fieldName;
        this.packed = List.copyOf(packed);
        this.unpacked = List.copyOf(unpacked);
        this.expectedBytes = expectedBytes;
        this.description = description;
    }

    @Override
    public ByteBuffer readRaw() throws ModelReadException {
        int width = entryWidth();
        long entries = unpacked.size();
        for (ByteBuffer p : packed) {
            entries += encoding == Encoding.VARINT ? countVarints(p) : p.remaining() / (encoding == Encoding.FIXED32 ? 4 : 8);
        }
        long total = entries * width;
        if (expectedBytes >= 0 && total != expectedBytes) {
            throw new ModelReadException(ModelReadException.Kind.CORRUPT,
                    description + " declares " + HumanUnits.bytes(expectedBytes) + " of values but its " + fieldName
                            + " holds " + HumanUnits.bytes(total) + "; the file is damaged or was written incorrectly.");
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new ModelReadException(ModelReadException.Kind.TOO_LARGE,
                    description + " holds " + HumanUnits.bytes(total) + " in " + fieldName
                            + ", more than can be decoded at once (2 GB).");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (ByteBuffer p : packed) {
            if (encoding == Encoding.VARINT) {
                decodeVarints(p, width, out);
            } else {
                int usable = p.remaining() - p.remaining() % (encoding == Encoding.FIXED32 ? 4 : 8);
                out.put(p.slice(p.position(), usable));
            }
        }
        for (long v : unpacked) {
            putWidth(out, v, width);
        }
        return out.flip().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private int entryWidth() {
        return switch (encoding) {
            case FIXED32 -> 4;
            case FIXED64 -> 8;
            case VARINT -> elementType.bits() < 8 ? 1 : elementType.bits() / 8;
        };
    }

    private long countVarints(ByteBuffer p) throws ModelReadException {
        long count = 0;
        int start = p.position();
        int end = p.limit();
        for (int i = start; i < end; i++) {
            if ((p.get(i) & 0x80) == 0) {
                count++;
            }
        }
        if (end > start && (p.get(end - 1) & 0x80) != 0) {
            throw new ModelReadException(ModelReadException.Kind.CORRUPT,
                    description + " has a cut-off number in " + fieldName + "; the file is damaged.");
        }
        return count;
    }

    private static void decodeVarints(ByteBuffer p, int width, ByteBuffer out) {
        long value = 0;
        int shift = 0;
        int end = p.limit();
        for (int i = p.position(); i < end; i++) {
            int b = p.get(i);
            if (shift < 64) {
                value |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                putWidth(out, value, width);
                value = 0;
                shift = 0;
            }
        }
    }

    /** Writes the low {@code width} bytes of {@code v}, little-endian (two's complement truncation). */
    private static void putWidth(ByteBuffer out, long v, int width) {
        switch (width) {
            case 1 -> out.put((byte) v);
            case 2 -> out.putShort((short) v);
            case 4 -> out.putInt((int) v);
            default -> out.putLong(v);
        }
    }

    @Override
    public List<String> readStrings() {
        return List.of();
    }

    @Override
    public String describeLocation() {
        long payload = unpacked.size() * 8L;
        for (ByteBuffer p : packed) {
            payload += p.remaining();
        }
        return "inline " + fieldName + " (" + HumanUnits.bytes(payload) + " encoded)";
    }

    @Override
    public boolean isExternal() {
        return false;
    }
}
