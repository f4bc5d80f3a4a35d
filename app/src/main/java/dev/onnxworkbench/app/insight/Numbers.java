package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.app.properties.WeightDetailsPane;
import java.util.Locale;

/** How the inside-a-run views write numbers: statistics as the weight panel writes them, plus ±Inf, times and FLOPs. */
final class Numbers {
    private Numbers() {}

    static String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "−Inf";
        }
        return WeightDetailsPane.number(v);
    }


    /** FLOPs as 1.2 GFLOPs, 340 MFLOPs, 12 kFLOPs. */
    static String flops(double flops) {
        String[] units = {"", "k", "M", "G", "T", "P"};
        int u = 0;
        while (flops >= 1000 && u < units.length - 1) {
            flops /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, flops >= 100 || u == 0 ? "%.0f %sFLOPs" : "%.1f %sFLOPs", flops, units[u]);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, share >= 0.1 ? "%.0f %%" : "%.1f %%", share * 100);
    }

    /** Milliseconds for a narrow column, without the unit: 0.014, 1.23, 123. */
    static String compactMillis(double ms) {
        return HumanUnits.millis(ms).replace(" ms", "");
    }

    /** FLOPs for a narrow column: 901k, 41.0M, 2.3G. */
    static String compactFlops(double flops) {
        return flops(flops).replace(" ", "").replace("FLOPs", "");
    }
}
