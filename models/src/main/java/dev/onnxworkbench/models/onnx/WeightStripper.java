package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a memory-mapped ONNX file into the small structure that protobuf parses and the large
 * tensor payloads that stay on the mapping.
 *
 * <p>Why: protobuf-java 4.36 no longer decodes direct (memory-mapped) buffers in place; it copies
 * them onto the heap first, which would put a 1.5 GB model's weights on the heap. So this walks
 * the wire format itself, along the only paths that can hold tensors (model → graph → node →
 * attribute → tensor, initializers, sparse tensors, functions, training info), copies everything
 * else verbatim, and replaces the content of each TensorProto payload field (raw_data and the
 * packed typed fields) by a 4-byte little-endian index into {@link Result#slices()}: read-only
 * views on the mapping. Every such field is replaced, so in a stripped model those fields always
 * hold an index. Enclosing lengths are re-written as 5-byte varints, which protobuf accepts.
 *
 * <p>It validates the wire format along the way (lengths, varints, wire types, nesting), so a
 * damaged file fails here with a {@link ModelReadException} before protobuf sees it.
 */
final class WeightStripper {
    /** Size of a payload reference: a little-endian int index into the slices. */
    static final int REFERENCE_BYTES = 4;

    /** The structure to parse and the payload views it refers to. */
    record Result(byte[] structure, int length, List<ByteBuffer> slices) {}

    enum Message { MODEL, TRAINING, FUNCTION, GRAPH, NODE, ATTRIBUTE, SPARSE, TENSOR, OTHER }

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LEN = 2;
    private static final int WIRE_START_GROUP = 3;
    private static final int WIRE_END_GROUP = 4;
    private static final int WIRE_FIXED32 = 5;

    private final ByteBuffer in;
    private final String name;
    private final int maxDepth;
    private final List<ByteBuffer> slices = new ArrayList<>();
    private byte[] out;
    private int outPos;
    private int pos;

    private WeightStripper(ByteBuffer in, String name, int maxDepth) {
        this.in = in;
        this.name = name;
        this.maxDepth = maxDepth;
        // Structure is usually most of a small file and a sliver of a big one.
        this.out = new byte[Math.max(256, Math.min(in.limit(), 16 << 20))];
    }

    /** Strips a whole ModelProto held in {@code data} (position 0 to limit). */
    static Result strip(ByteBuffer data, String name, int maxDepth) throws ModelReadException {
        ByteBuffer view = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        WeightStripper stripper = new WeightStripper(view, name, maxDepth);
        stripper.message(Message.MODEL, view.limit(), 0);
        return new Result(stripper.out, stripper.outPos, List.copyOf(stripper.slices));
    }

    /** The kind of a length-delimited field of {@code parent}: which fields can lead to tensors. */
    static Message child(Message parent, int field) {
        return switch (parent) {
            case MODEL -> switch (field) {
                case 7 -> Message.GRAPH;
                case 20 -> Message.TRAINING;
                case 25 -> Message.FUNCTION;
                default -> Message.OTHER;
            };
            case TRAINING -> field == 1 || field == 2 ? Message.GRAPH : Message.OTHER;
            case FUNCTION -> switch (field) {
                case 7 -> Message.NODE;
                case 11 -> Message.ATTRIBUTE;
                default -> Message.OTHER;
            };
            case GRAPH -> switch (field) {
                case 1 -> Message.NODE;
                case 5 -> Message.TENSOR;
                case 15 -> Message.SPARSE;
                default -> Message.OTHER;
            };
            case NODE -> field == 5 ? Message.ATTRIBUTE : Message.OTHER;
            case ATTRIBUTE -> switch (field) {
                case 5, 10 -> Message.TENSOR;
                case 6, 11 -> Message.GRAPH;
                case 22, 23 -> Message.SPARSE;
                default -> Message.OTHER;
            };
            case SPARSE -> field == 1 || field == 2 ? Message.TENSOR : Message.OTHER;
            case TENSOR, OTHER -> Message.OTHER;
        };
    }

    /** Whether a field of a TensorProto holds values (replaced by a reference when stripped). */
    static boolean isPayload(int field) {
        return switch (field) {
            case 4, 5, 7, 9, 10, 11 -> true; // float/int32/int64/raw/double/uint64 data
            default -> false;
        };
    }

    /** Transcodes the fields of one message, from {@code pos} to {@code end}. */
    private void message(Message kind, int end, int depth) throws ModelReadException {
        if (depth > maxDepth) {
            throw tooDeep();
        }
        while (pos < end) {
            int tagStart = pos;
            long tag = readVarint(end);
            int tagEnd = pos;
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field <= 0 || tag >>> 3 > 0x1FFF_FFFFL) {
                throw corrupt("a field number is invalid");
            }
            if (wire == WIRE_LEN) {
                int length = readLength(end);
                int payloadStart = pos;
                Message childKind = child(kind, field);
                if (kind == Message.TENSOR && isPayload(field)) {
                    slices.add(in.slice(payloadStart, length).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
                    copy(tagStart, tagEnd - tagStart);
                    writeReference(slices.size() - 1);
                    pos = payloadStart + length;
                } else if (childKind != Message.OTHER) {
                    copy(tagStart, tagEnd - tagStart);
                    int lengthAt = reserveLength();
                    int childStart = outPos;
                    message(childKind, payloadStart + length, depth + 1);
                    patchLength(lengthAt, outPos - childStart);
                } else {
                    copy(tagStart, payloadStart + length - tagStart);
                    pos = payloadStart + length;
                }
            } else {
                skipValue(wire, field, end, depth);
                copy(tagStart, pos - tagStart);
            }
        }
        if (pos != end) {
            throw corrupt("a field runs past the end of its message");
        }
    }

    private void skipValue(int wire, int field, int end, int depth) throws ModelReadException {
        switch (wire) {
            case WIRE_VARINT -> readVarint(end);
            case WIRE_FIXED64 -> skipBytes(8, end);
            case WIRE_FIXED32 -> skipBytes(4, end);
            case WIRE_LEN -> skipBytes(readLength(end), end);
            case WIRE_START_GROUP -> skipGroup(field, end, depth + 1);
            default -> throw corrupt("a field has an invalid wire type " + wire);
        }
    }

    private void skipGroup(int groupField, int end, int depth) throws ModelReadException {
        if (depth > maxDepth) {
            throw tooDeep();
        }
        while (true) {
            if (pos >= end) {
                throw truncatedOrCorrupt(end);
            }
            long tag = readVarint(end);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire == WIRE_END_GROUP) {
                if (field != groupField) {
                    throw corrupt("a group ends with the wrong tag");
                }
                return;
            }
            if (field <= 0) {
                throw corrupt("a field number is invalid");
            }
            skipValue(wire, field, end, depth);
        }
    }

    private void skipBytes(int count, int end) throws ModelReadException {
        if (count > end - pos) {
            throw truncatedOrCorrupt(end);
        }
        pos += count;
    }

    private int readLength(int end) throws ModelReadException {
        long length = readVarint(end);
        if (length < 0 || length > end - pos) {
            throw truncatedOrCorrupt(end, length);
        }
        return (int) length;
    }

    private long readVarint(int end) throws ModelReadException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw truncatedOrCorrupt(end);
            }
            byte b = in.get(pos++);
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw corrupt("a number is encoded with too many bytes");
    }

    private void copy(int from, int count) {
        ensure(count);
        in.get(from, out, outPos, count);
        outPos += count;
    }

    private void writeVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            out[outPos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[outPos++] = (byte) value;
    }

    private void writeReference(int index) {
        ensure(1 + REFERENCE_BYTES);
        out[outPos++] = REFERENCE_BYTES;
        out[outPos++] = (byte) index;
        out[outPos++] = (byte) (index >>> 8);
        out[outPos++] = (byte) (index >>> 16);
        out[outPos++] = (byte) (index >>> 24);
    }

    private int reserveLength() {
        ensure(5);
        int at = outPos;
        outPos += 5;
        return at;
    }

    /** Writes {@code length} as a 5-byte varint (non-minimal on purpose, so it fits the reserved room). */
    private void patchLength(int at, int length) {
        out[at] = (byte) ((length & 0x7F) | 0x80);
        out[at + 1] = (byte) (((length >>> 7) & 0x7F) | 0x80);
        out[at + 2] = (byte) (((length >>> 14) & 0x7F) | 0x80);
        out[at + 3] = (byte) (((length >>> 21) & 0x7F) | 0x80);
        out[at + 4] = (byte) ((length >>> 28) & 0x0F);
    }

    private void ensure(int extra) {
        if (outPos + extra > out.length) {
            long wanted = Math.max((long) out.length * 2, (long) outPos + extra);
            if (wanted > Integer.MAX_VALUE - 16) {
                wanted = Integer.MAX_VALUE - 16;
            }
            out = Arrays.copyOf(out, (int) wanted);
        }
    }

    private ModelReadException truncatedOrCorrupt(int end) {
        return truncatedOrCorrupt(end, 0);
    }

    private ModelReadException truncatedOrCorrupt(int end, long wanted) {
        if (end == in.limit()) {
            return new ModelReadException(Kind.TRUNCATED, name + " is cut short: it ends in the middle of the data ("
                    + HumanUnits.bytes(in.limit()) + "). The download or copy was probably incomplete; get the file again.");
        }
        return corrupt(wanted > 0 ? "a field declares " + HumanUnits.bytes(wanted) + ", more than its enclosing message holds"
                : "a field runs past the end of its message");
    }

    private ModelReadException corrupt(String what) {
        return new ModelReadException(Kind.CORRUPT, name + " is damaged: " + what + " (at byte " + pos
                + "). Export or download the model again.");
    }

    private ModelReadException tooDeep() {
        return new ModelReadException(Kind.TOO_DEEP, name + " nests messages more than " + maxDepth
                + " levels deep; this reader refuses it to stay safe from crafted files.");
    }
}
