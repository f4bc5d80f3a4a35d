package dev.onnxworkbench.graphview.render;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shortens edge labels for the drawing (the tooltip keeps the full text): long symbolic dimensions
 * become a letter and their number ({@code p2o.DynamicDimension.0×3×p2o.DynamicDimension.1} →
 * {@code d0×3×d1}), other long names are cut with an ellipsis, and a label stays within
 * {@link #MAX_CHARS} characters.
 */
public final class LabelText {
    static final int MAX_CHARS = 36;
    private static final int MAX_DIM = 8;
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private LabelText() {}

    /** The text drawn for a label. */
    public static String display(String label) {
        if (label.length() <= 12) {
            return label;
        }
        if (CACHE.size() > 50_000) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(label, LabelText::shorten);
    }

    private static String shorten(String label) {
        String[] dims = label.split("×", -1);
        StringBuilder b = new StringBuilder(label.length());
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append('×');
            }
            b.append(dim(dims[i]));
        }
        String s = b.toString();
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "…";
    }

    /** One dimension: numbers and short names stay; long names become initial + trailing number, or are cut. */
    static String dim(String d) {
        if (d.length() <= MAX_DIM) {
            return d;
        }
        int end = d.length();
        while (end > 0 && Character.isDigit(d.charAt(end - 1))) {
            end--;
        }
        String digits = d.substring(end);
        if (end == 0) {
            return d; // a long number stays whole
        }
        // The last word before the number: "p2o.DynamicDimension.0" → "DynamicDimension".
        int wordEnd = end;
        while (wordEnd > 0 && !Character.isLetter(d.charAt(wordEnd - 1))) {
            wordEnd--;
        }
        int wordStart = wordEnd;
        while (wordStart > 0 && Character.isLetter(d.charAt(wordStart - 1))) {
            wordStart--;
        }
        if (!digits.isEmpty() && wordStart < wordEnd) {
            return Character.toLowerCase(d.charAt(wordStart)) + digits;
        }
        return d.substring(0, MAX_DIM - 2) + "…";
    }
}
