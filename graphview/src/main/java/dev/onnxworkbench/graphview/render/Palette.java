package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.Theme;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The colours of a drawing. Header colours follow Netron's categories (layers blue, activations red,
 * pooling and normalization green, shape operators brown) so that users of Netron feel at home; the
 * SVG export writes the same colours as CSS classes {@code node-<category>}.
 */
public record Palette(
        Color background,
        Color nodeBody,
        Color nodeBorder,
        Color headerText,
        Color rowText,
        Color edge,
        Color edgeLabel,
        Color terminalFill,
        Color terminalBorder,
        Color terminalText,
        Color selection,
        Color hover,
        Color searchHit,
        Color defaultHeader) {

    private static final Map<String, Color> HEADERS = Map.ofEntries(
            Map.entry("layer", Color.web("#335588")),
            Map.entry("activation", Color.web("#70291f")),
            Map.entry("pool", Color.web("#335533")),
            Map.entry("normalization", Color.web("#2d5a48")),
            Map.entry("tensor", Color.web("#6c4f47")),
            Map.entry("logic", Color.web("#4a4a5a")),
            Map.entry("data", Color.web("#4f4f4f")),
            Map.entry("control", Color.web("#1f2d3d")),
            Map.entry("quantization", Color.web("#7a4a12")),
            Map.entry("ml", Color.web("#5a3d7a")),
            Map.entry("custom", Color.web("#383838")));

    public static Palette of(Theme theme) {
        return theme == Theme.DARK
                ? new Palette(Color.web("#1b1d21"), Color.web("#262a30"), Color.web("#4c535d"), Color.WHITE,
                        Color.web("#d3d8de"), Color.web("#7f8893"), Color.web("#a4adb8"), Color.web("#2f343b"),
                        Color.web("#8a939e"), Color.web("#e8eaed"), Color.web("#4aa3ff"), Color.web("#86c2ff"),
                        Color.web("#ffc933"), Color.web("#3a3f46"))
                : new Palette(Color.WHITE, Color.WHITE, Color.web("#7d7d7d"), Color.WHITE,
                        Color.web("#1e1e1e"), Color.web("#6a6a6a"), Color.web("#5a5a5a"), Color.web("#f2f2f2"),
                        Color.web("#5c5c5c"), Color.web("#151515"), Color.web("#1769d6"), Color.web("#5b9be8"),
                        Color.web("#ffcf40"), Color.web("#383838"));
    }

    /** The header colour of a category; unknown categories get the neutral header. */
    public Color header(String category) {
        return HEADERS.getOrDefault(category, defaultHeader);
    }

    /** The categories with their own colour, for the SVG style sheet. */
    public static Map<String, Color> categoryColours() {
        return HEADERS;
    }

    public static String css(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
