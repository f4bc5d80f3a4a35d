package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1, 2 and 3; C order; little- or big-endian numbers,
 * booleans and fixed-width unicode strings). Fortran-ordered arrays and object arrays are refused.
 */
final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    record Header(String descr, boolean fortranOrder, long[] shape, long dataOffset) {
    }

    static HostTensor read(Path file) throws WorkbenchException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = header(channel, file);
            if (header.fortranOrder()) {
                throw new TensorFormatException(file.getFileName() + " stores its array in Fortran (column-major) "
                        + "order, which ONNX tensors cannot use; save it with np.save(f, np.ascontiguousarray(a)).");
            }
            String descr = header.descr();
            ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            String kind = descr.substring(descr.charAt(0) == '<' || descr.charAt(0) == '>' || descr.charAt(0) == '|'
                    || descr.charAt(0) == '=' ? 1 : 0);
            long count = Shapes.elementCount(header.shape());
            if (kind.startsWith("U")) {
                int width = Integer.parseInt(kind.substring(1));
                Shapes.checkAllocatable(ElementType.STRING, header.shape());
                ByteBuffer data = readBytes(channel, header.dataOffset(), Math.multiplyExact(count, 4L * width), file);
                return HostTensor.ofStrings(header.shape(), unicode(data.order(order), (int) count, width));
            }
            ElementType type = elementType(kind, file);
            Shapes.checkAllocatable(type, header.shape());
            long bytes = type.byteSize(count);
            ByteBuffer data = readBytes(channel, header.dataOffset(), bytes, file).order(order);
            if (order == ByteOrder.BIG_ENDIAN && type.bits() > 8) {
                data = swap(data, type.bits() / 8);
            }
            return HostTensor.ofRaw(type, header.shape(), data.order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException e) {
            throw new TensorFormatException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static Header header(FileChannel channel, Path file) throws IOException, TensorFormatException {
        ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(start, 0);
        start.flip();
        if (start.remaining() < 10) {
            throw notNpy(file);
        }
        for (byte b : MAGIC) {
            if (start.get() != b) {
                throw notNpy(file);
            }
        }
        int major = start.get() & 0xFF;
        start.get(); // minor
        long headerLength;
        int prefix;
        if (major == 1) {
            headerLength = start.getShort() & 0xFFFF;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (start.remaining() < 4) {
                throw notNpy(file);
            }
            headerLength = start.getInt() & 0xFFFFFFFFL;
            prefix = 12;
        } else {
            throw new TensorFormatException(file.getFileName() + " is a NumPy file of format version " + major
                    + ", which this version does not read (it reads 1, 2 and 3).");
        }
        if (headerLength > 1 << 20) {
            throw notNpy(file);
        }
        ByteBuffer text = ByteBuffer.allocate((int) headerLength);
        channel.read(text, prefix);
        String dict = new String(text.array(), 0, text.position(),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new TensorFormatException(file.getFileName() + " has a NumPy header without descr, fortran_order "
                    + "and shape: " + dict.strip());
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
            }
        }
        return new Header(descr.group(1), fortran.group(1).equals("True"),
                dims.stream().mapToLong(Long::longValue).toArray(), prefix + headerLength);
    }

    private static ElementType elementType(String kind, Path file) throws TensorFormatException {
        return switch (kind) {
            case "f4" -> ElementType.FLOAT;
            case "f8" -> ElementType.DOUBLE;
            case "f2" -> ElementType.FLOAT16;
            case "i1" -> ElementType.INT8;
            case "u1" -> ElementType.UINT8;
            case "i2" -> ElementType.INT16;
            case "u2" -> ElementType.UINT16;
            case "i4" -> ElementType.INT32;
            case "u4" -> ElementType.UINT32;
            case "i8" -> ElementType.INT64;
            case "u8" -> ElementType.UINT64;
            case "b1", "?" -> ElementType.BOOL;
            default -> throw new TensorFormatException(file.getFileName() + " holds NumPy dtype '" + kind
                    + "', which has no ONNX tensor type; convert it (e.g. a.astype(np.float32)) and save again.");
        };
    }

    private static ByteBuffer readBytes(FileChannel channel, long offset, long bytes, Path file)
            throws IOException, TensorFormatException {
        if (channel.size() - offset < bytes) {
            throw new TensorFormatException(file.getFileName() + " is cut short: its header promises " + bytes
                    + " bytes of values but only " + Math.max(0, channel.size() - offset) + " follow.");
        }
        ByteBuffer data = ByteBuffer.allocateDirect((int) bytes);
        while (data.hasRemaining()) {
            if (channel.read(data, offset + data.position()) < 0) {
                break;
            }
        }
        data.flip();
        return data;
    }

    private static String[] unicode(ByteBuffer data, int count, int width) {
        String[] out = new String[count];
        int[] codePoints = new int[width];
        for (int i = 0; i < count; i++) {
            int n = 0;
            for (int k = 0; k < width; k++) {
                int cp = data.getInt((i * width + k) * 4);
                if (cp == 0) {
                    break;
                }
                codePoints[n++] = cp;
            }
            out[i] = new String(codePoints, 0, n);
        }
        return out;
    }

    private static ByteBuffer swap(ByteBuffer bigEndian, int width) {
        ByteBuffer out = ByteBuffer.allocateDirect(bigEndian.remaining());
        for (int i = 0; i < bigEndian.remaining(); i += width) {
            for (int k = 0; k < width; k++) {
                out.put(i + k, bigEndian.get(i + width - 1 - k));
            }
        }
        return out;
    }

    private static TensorFormatException notNpy(Path file) {
        return new TensorFormatException(file.getFileName() + " is not a NumPy .npy file (it does not start with "
                + "the \\x93NUMPY header); save arrays with numpy.save.");
    }
}
