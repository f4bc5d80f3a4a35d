package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.graph.ElementType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a tensor as a NumPy .npy file (format 1.0, C order). Types NumPy has are written as they are;
 * float16 as {@code <f2}; types NumPy lacks (bfloat16, float8, 4-bit, 2-bit) are widened to float32;
 * strings become fixed-width unicode ({@code <U n}). Values go from the tensor's buffer to the file.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    /** The NumPy dtype the file will hold for {@code type}. */
    public static String dtype(ElementType type) {
        return switch (type) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case FLOAT16 -> "<f2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
            case INT16 -> "<i2";
            case UINT16 -> "<u2";
            case INT32 -> "<i4";
            case UINT32 -> "<u4";
            case INT64 -> "<i8";
            case UINT64 -> "<u8";
            case COMPLEX64 -> "<c8";
            case COMPLEX128 -> "<c16";
            default -> "<f4";
        };
    }

    public static void write(HostTensor tensor, Path file) throws IOException {
        long[] shape = tensor.shape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + (shape.length == 0 ? "" :
                dims.substring(0, dims.length() - 2)) + ")";
        String descr;
        ByteBuffer body;
        if (tensor.isString()) {
            String[] values = tensor.strings();
            int width = 1;
            for (String s : values) {
                width = Math.max(width, s.codePointCount(0, s.length()));
            }
            descr = "<U" + width;
            body = ByteBuffer.allocate(Math.multiplyExact(values.length, width * 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (String s : values) {
                int start = body.position();
                s.codePoints().forEach(body::putInt);
                body.position(start + width * 4);
            }
            body.flip();
        } else {
            ElementType type = tensor.elementType();
            descr = dtype(type);
            if (descr.equals("<f4") && type != ElementType.FLOAT) {
                long n = tensor.elementCount();
                body = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < n; i++) {
                    body.putFloat((float) tensor.getDouble(i));
                }
                body.flip();
            } else {
                body = tensor.data();
            }
        }
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer prefix = ByteBuffer.allocate(10 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) h.length).put(h).flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (prefix.hasRemaining()) {
                out.write(prefix);
            }
            ByteBuffer values = body.duplicate();
            while (values.hasRemaining()) {
                out.write(values);
            }
        }
    }
}
