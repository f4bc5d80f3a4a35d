package dev.onnxworkbench.models.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Names what a non-ONNX file looks like, from its first bytes, so that the error can say
 * "it looks like a PNG image" instead of a protobuf parse error.
 */
final class FileSniffer {

    private static final int TEXT_PROBE_BYTES = 4096;

    private FileSniffer() {
    }

    /** A short description such as "a text file", or empty when the bytes match nothing known. */
    static Optional<String> describe(ByteBuffer data) {
        ByteBuffer b = data.duplicate();
        int n = b.remaining();
        if (n == 0) {
            return Optional.of("an empty file");
        }
        byte[] head = new byte[Math.min(n, TEXT_PROBE_BYTES)];
        b.get(head);
        if (startsWith(head, 0x89, 'P', 'N', 'G')) {
            return Optional.of("a PNG image");
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("a JPEG image");
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return Optional.of("a GIF image");
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return Optional.of("a zip archive; PyTorch .pt/.pth checkpoints are zip archives: export with torch.onnx.export");
        }
        if (startsWith(head, 0x1F, 0x8B)) {
            return Optional.of("a gzip archive; unpack it first");
        }
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            return Optional.of("a PDF document");
        }
        if (startsWith(head, 0x7F, 'E', 'L', 'F')) {
            return Optional.of("a program (ELF binary)");
        }
        if (startsWith(head, 0x89, 'H', 'D', 'F')) {
            return Optional.of("an HDF5 file (Keras .h5); convert it with tf2onnx");
        }
        if (head.length >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L') {
            return Optional.of("a TensorFlow Lite model; convert it with tf2onnx");
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return Optional.of("a Python pickle (a PyTorch or scikit-learn save); export it to ONNX first");
        }
        if (looksLikeText(head)) {
            return Optional.of(head[0] == '{' || head[0] == '[' ? "a JSON or text file" : "a text file");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Text: valid UTF-8 without control characters other than whitespace. Protobuf always has tag bytes below 0x20. */
    private static boolean looksLikeText(byte[] head) {
        int cut = head.length;
        // Do not fail on a multi-byte character cut at the end of the probe.
        while (cut > 0 && cut > head.length - 4 && (head[cut - 1] & 0xC0) == 0x80) {
            cut--;
        }
        if (cut > 0 && (head[cut - 1] & 0x80) != 0) {
            cut--;
        }
        for (int i = 0; i < cut; i++) {
            int c = head[i] & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                return false;
            }
            if (c == 0x7F) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(head, 0, cut));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
