package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.onnx.WeightStripper.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse of {@link WeightStripper}: writes a stripped structure to a file with each payload
 * reference replaced by the referenced values. Two passes over the (small) structure: the first
 * measures every message along the tensor paths after expansion, the second writes, handing payload
 * buffers (views on the mapping) to the channel directly, so values never pass through the Java heap.
 */
final class PayloadWriter {
    private static final long MAX_PROTO = Integer.MAX_VALUE;

    private final byte[] in;
    private final List<ByteBuffer> payloads;
    private final FileChannel channel;
    private final Map<Integer, Long> sizes = new HashMap<>(); // body start in `in` → expanded body size
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    PayloadWriter(byte[] structure, List<ByteBuffer> payloads, FileChannel channel) {
        this.in = structure;
        this.payloads = payloads;
        this.channel = channel;
    }

    void write() throws IOException {
        long total = measure(Message.MODEL, 0, in.length);
        if (total > MAX_PROTO) {
            throw new IOException("the derived model would be " + HumanUnits.bytes(total)
                    + ", over protobuf's 2 GB limit for one file; keep its weights as external data");
        }
        emit(Message.MODEL, 0, in.length);
        flush();
    }

    private long measure(Message kind, int start, int end) throws IOException {
        long size = 0;
        int p = start;
        while (p < end) {
            int tagStart = p;
            long tag = varint(p);
            p += varintLength(p);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire != 2) {
                int valueEnd = skip(wire, p);
                size += valueEnd - tagStart;
                p = valueEnd;
                continue;
            }
            int length = (int) varint(p);
            int body = p + varintLength(p);
            int tagBytes = body - tagStart - varintLength(p);
            Message childKind = WeightStripper.child(kind, field);
            long bodySize;
            if (kind == Message.TENSOR && WeightStripper.isPayload(field)) {
                bodySize = payload(body, length).remaining();
            } else if (childKind != Message.OTHER) {
                bodySize = measure(childKind, body, body + length);
                sizes.put(body, bodySize);
            } else {
                bodySize = length;
            }
            size += tagBytes + varintSize(bodySize) + bodySize;
            p = body + length;
        }
        return size;
    }

    private void emit(Message kind, int start, int end) throws IOException {
        int p = start;
        while (p < end) {
            int tagStart = p;
            long tag = varint(p);
            p += varintLength(p);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire != 2) {
                int valueEnd = skip(wire, p);
                put(tagStart, valueEnd - tagStart);
                p = valueEnd;
                continue;
            }
            int length = (int) varint(p);
            int body = p + varintLength(p);
            Message childKind = WeightStripper.child(kind, field);
            put(tagStart, p - tagStart);
            if (kind == Message.TENSOR && WeightStripper.isPayload(field)) {
                ByteBuffer values = payload(body, length);
                putVarint(values.remaining());
                flush();
                while (values.hasRemaining()) {
                    channel.write(values);
                }
            } else if (childKind != Message.OTHER) {
                putVarint(sizes.get(body));
                emit(childKind, body, body + length);
            } else {
                putVarint(length);
                put(body, length);
            }
            p = body + length;
        }
    }

    private ByteBuffer payload(int body, int length) throws IOException {
        if (length != WeightStripper.REFERENCE_BYTES) {
            throw new IOException("a tensor value field holds " + length + " bytes instead of a payload reference");
        }
        int index = (in[body] & 0xFF) | (in[body + 1] & 0xFF) << 8 | (in[body + 2] & 0xFF) << 16
                | (in[body + 3] & 0xFF) << 24;
        if (index < 0 || index >= payloads.size()) {
            throw new IOException("a tensor refers to payload " + index + " of " + payloads.size());
        }
        return payloads.get(index).duplicate();
    }

    private int skip(int wire, int p) throws IOException {
        return switch (wire) {
            case 0 -> p + varintLength(p);
            case 1 -> p + 8;
            case 5 -> p + 4;
            default -> throw new IOException("unexpected wire type " + wire + " in a re-serialized model");
        };
    }

    private long varint(int p) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in[p++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        return result;
    }

    private int varintLength(int p) {
        int n = 1;
        while (in[p] < 0) {
            p++;
            n++;
        }
        return n;
    }

    private static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    private void put(int from, int count) throws IOException {
        while (count > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(count, buffer.remaining());
            buffer.put(in, from, n);
            from += n;
            count -= n;
        }
    }

    private void putVarint(long value) throws IOException {
        if (buffer.remaining() < 10) {
            flush();
        }
        while ((value & ~0x7FL) != 0) {
            buffer.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buffer.put((byte) value);
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
