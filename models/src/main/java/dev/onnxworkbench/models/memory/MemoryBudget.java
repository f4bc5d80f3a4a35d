package dev.onnxworkbench.models.memory;

import dev.onnxworkbench.models.WorkbenchException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many bytes of activations a run that looks inside a model (divergence, inspection) may keep at once. Binary
 * units: "1 GB" is 2^30 bytes, as a process monitor counts it.
 *
 * @param bytes the ceiling, at least {@link #MINIMUM}
 */
public record MemoryBudget(long bytes) {
    /** 1 GB: a detector's divergence search fits with room for the window on an 8 GB laptop. */
    public static final MemoryBudget DEFAULT = new MemoryBudget(1L << 30);
    /** Below a few MB every tensor of a real model would exceed the budget: refused as a typo. */
    public static final long MINIMUM = 4L << 20;

    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?");

    public MemoryBudget {
        if (bytes < MINIMUM) {
            throw new IllegalArgumentException("a memory budget of at least 4 MB is required, not " + bytes + " bytes");
        }
    }

    /** "1g", "1 GB", "1.5GiB", "512m", "800MB", or a number of bytes. */
    public static MemoryBudget parse(String text) throws WorkbenchException {
        Matcher m = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new WorkbenchException("A memory budget is a size such as 1g, 1.5GB or 512m, not '" + text + "'.");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
        if (bytes < MINIMUM || bytes > Long.MAX_VALUE / 2) {
            throw new WorkbenchException("A memory budget must be at least 4 MB, not '" + text + "'.");
        }
        return new MemoryBudget((long) bytes);
    }

    /** "1 GB", "512 MB", "1.5 GB". */
    public String describe() {
        return size(bytes);
    }

    /** A byte count the way budgets are written: "1 GB", "12.3 MB", "800 kB". */
    public static String size(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return bytes + " bytes";
        }
        String number = v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
        return number + " " + units[u];
    }
}
