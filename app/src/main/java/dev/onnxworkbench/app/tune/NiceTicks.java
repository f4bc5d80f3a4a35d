package dev.onnxworkbench.app.tune;

import java.util.Locale;

/** Axis ticks people read at a glance: 1, 2 or 5 × a power of ten, labelled with as few digits as needed. */
final class NiceTicks {
    private NiceTicks() {
    }

    /** A tick unit giving about {@code count} ticks up to {@code max} (1e-6 for an empty range). */
    static double unit(double max, int count) {
        if (!(max > 0)) {
            return 1e-6;
        }
        double raw = max / count;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }

    /** "0", "0.5", "12", "3e-06": short enough that neighbouring labels never overlap. */
    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
            return s;
        }
        return String.format(Locale.ROOT, "%.0e", v);
    }
}
