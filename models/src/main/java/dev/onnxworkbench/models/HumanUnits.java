package dev.onnxworkbench.models;

import java.util.Locale;

/**
 * The one formatter for sizes and times a person reads, in messages, tables and the window: binary byte
 * units ("512 bytes", "1.5 KiB", "111.8 GiB") and milliseconds with the precision their size deserves
 * ("0.012 ms", "1.23 ms", "123 ms"). JSON carries plain numbers, never these.
 */
public final class HumanUnits {
    private static final String[] BYTE_UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private HumanUnits() {
    }

    /** 1 → "1 byte", 512 → "512 bytes", 1536 → "1.5 KiB"; Long.MAX_VALUE → "more than 8 EiB". */
    public static String bytes(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < BYTE_UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, BYTE_UNITS[u]);
    }

    /** 0.0123 → "0.012 ms", 1.234 → "1.23 ms", 123.4 → "123 ms". */
    public static String millis(double ms) {
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        return String.format(Locale.ROOT, "%.3f ms", ms);
    }
}
