package dev.onnxworkbench.graphview.layout;

import java.util.concurrent.ConcurrentHashMap;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Measures text widths for box sizing without touching the scene graph per string: each character's
 * advance is measured once with a detached {@link Text} and cached, so layout of 100,000 boxes costs
 * a table lookup per character and can run off the FX thread. Kerning is ignored (a pixel or two).
 */
public final class TextMeasurer {
    private final Font font;
    private final double[] ascii = new double[128];
    private final ConcurrentHashMap<Integer, Double> others = new ConcurrentHashMap<>();
    private final double lineHeight;

    public TextMeasurer(Font font) {
        this.font = font;
        for (int c = 32; c < 128; c++) {
            ascii[c] = measure(String.valueOf((char) c));
        }
        Text probe = new Text("Hg");
        probe.setFont(font);
        this.lineHeight = probe.getLayoutBounds().getHeight();
    }

    public Font font() {
        return font;
    }

    public double lineHeight() {
        return lineHeight;
    }

    public double width(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += cp < 128 ? ascii[cp] : others.computeIfAbsent(cp, k -> measure(new String(Character.toChars(k))));
        }
        return w;
    }

    private double measure(String s) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
