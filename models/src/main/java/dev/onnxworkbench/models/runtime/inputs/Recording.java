package dev.onnxworkbench.models.runtime.inputs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A decoded WAV file: samples per channel in [−1, 1] and the sample rate. The decoder is plain Java (RIFF
 * chunks; PCM 8/16/24/32-bit, IEEE float 32/64, μ-law, A-law, WAVE_FORMAT_EXTENSIBLE), so it runs headless and
 * gives the same samples everywhere.
 */
public record Recording(float[][] channels, int sampleRate) {

    public int frames() {
        return channels.length == 0 ? 0 : channels[0].length;
    }

    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** Reads a WAV file. Blocking I/O. */
    public static Recording read(Path file) throws InvalidInputException {
        ByteBuffer b;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE - 64) {
                throw new InvalidInputException(file.getFileName() + " is larger than 2 GiB; cut it first.");
            }
            b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read it all
            }
            b.flip().order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new InvalidInputException(Files.exists(file) ? "Cannot read " + file.getFileName() + ": "
                    + e.getMessage() : "No audio file " + file + ".");
        }
        String name = file.getFileName().toString();
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new InvalidInputException(name + " is not a WAV file (no RIFF/WAVE header).");
        }
        int format = -1;
        int channelCount = 0;
        int rate = 0;
        int bits = 0;
        int dataStart = -1;
        long dataSize = 0;
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(body) & 0xFFFF;
                channelCount = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == 0xFFFE && size >= 26) {
                    format = b.getShort(body + 24) & 0xFFFF; // the sub-format GUID starts with the format code
                }
            } else if (id == 0x61746164) { // "data"
                dataStart = body;
                dataSize = Math.min(size, b.limit() - body); // streamed files may state 0 or 0xFFFFFFFF
                if (size == 0 || size == 0xFFFFFFFFL) {
                    dataSize = b.limit() - body;
                }
                break;
            }
            pos = (int) Math.min(b.limit(), body + size + (size & 1));
        }
        if (format < 0 || dataStart < 0 || channelCount < 1 || rate < 1) {
            throw new InvalidInputException(name + " has no readable fmt and data chunks.");
        }
        int bytesPer = switch (format) {
            case 1 -> switch (bits) {
                case 8, 16, 24, 32 -> bits / 8;
                default -> -1;
            };
            case 3 -> bits == 32 || bits == 64 ? bits / 8 : -1;
            case 6, 7 -> bits == 8 ? 1 : -1;
            default -> -1;
        };
        if (bytesPer < 0) {
            throw new InvalidInputException(name + " uses WAV format " + format + " with " + bits + "-bit samples; "
                    + "PCM 8/16/24/32-bit, float 32/64-bit, μ-law and A-law can be read.");
        }
        int frames = (int) (dataSize / ((long) bytesPer * channelCount));
        float[][] samples = new float[channelCount][frames];
        int p = dataStart;
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channelCount; c++) {
                samples[c][f] = sample(b, p, format, bits);
                p += bytesPer;
            }
        }
        return new Recording(samples, rate);
    }

    private static float sample(ByteBuffer b, int p, int format, int bits) {
        if (format == 3) {
            return bits == 32 ? b.getFloat(p) : (float) b.getDouble(p);
        }
        if (format == 7) {
            return muLaw(b.get(p)) / 32768f;
        }
        if (format == 6) {
            return aLaw(b.get(p)) / 32768f;
        }
        return switch (bits) {
            case 8 -> ((b.get(p) & 0xFF) - 128) / 128f;
            case 16 -> b.getShort(p) / 32768f;
            case 24 -> ((b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16) / 8388608f;
            default -> (float) (b.getInt(p) / 2147483648.0);
        };
    }

    /** ITU-T G.711 μ-law to 16-bit linear. */
    private static int muLaw(byte code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /** ITU-T G.711 A-law to 16-bit linear. */
    private static int aLaw(byte code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        t = seg == 0 ? t + 8 : seg == 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
        return (a & 0x80) != 0 ? t : -t;
    }
}
