package dev.onnxworkbench.app.predict;

import java.util.Locale;

/** Formats numbers for tables and summaries: short, exact for integers, scientific for tiny and huge. */
final class NumberText {
    private NumberText() {}

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            String s = String.format(Locale.ROOT, "%.6g", v);
            return s.contains("e") ? s : stripZeros(s);
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    /** Four significant digits, for summaries where the exact value is in the table below. */
    static String brief(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == Math.rint(v) && Math.abs(v) < 1e6) {
            return format(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return stripZeros(String.format(Locale.ROOT, "%.4g", v));
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static String percent(double probability) {
        return String.format(Locale.ROOT, "%.1f %%", probability * 100);
    }


    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
