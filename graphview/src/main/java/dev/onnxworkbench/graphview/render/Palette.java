package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.graphview.Theme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The resolved colours of a drawing, keyed by their CSS names without the {@code -gv-} prefix
 * ("background", "edge", "category-layer"). Header colours follow Netron's categories (layers blue,
 * activations red, pooling and normalization green, shape operators brown) so that users of Netron feel
 * at home; the SVG export writes the same colours as CSS classes {@code node-<category>}. Immutable.
 */
public final class Palette {
    /** Node categories with their own header colour ({@code -gv-category-<name>}). */
    public static final List<String> CATEGORIES = List.of("layer", "activation", "pool", "normalization", "tensor",
            "logic", "data", "control", "quantization", "ml", "custom");

    private final Map<String, Color> colours;

    public Palette(Map<String, Color> colours) {
        this.colours = Map.copyOf(colours);
    }

    /** The colour named {@code -gv-<name>}; throws when the palette lacks it (a typo is a bug). */
    public Color get(String name) {
        Color c = colours.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no colour -gv-" + name + " in the palette");
        }
        return c;
    }

    /** All colours by name (unmodifiable). */
    public Map<String, Color> colours() {
        return colours;
    }

    public Color background() {
        return get("background");
    }

    public Color nodeBody() {
        return get("node-body");
    }

    public Color nodeBorder() {
        return get("node-border");
    }

    public Color headerText() {
        return get("header-text");
    }

    public Color rowText() {
        return get("row-text");
    }

    public Color edge() {
        return get("edge");
    }

    public Color edgeLabel() {
        return get("edge-label");
    }

    /** An edge label replaced by a decoration (an actual shape). */
    public Color actualLabel() {
        return get("actual-label");
    }

    public Color terminalFill() {
        return get("terminal-fill");
    }

    public Color terminalBorder() {
        return get("terminal-border");
    }

    public Color terminalText() {
        return get("terminal-text");
    }

    public Color selection() {
        return get("selection");
    }

    public Color hover() {
        return get("hover");
    }

    public Color searchHit() {
        return get("search-hit");
    }

    public Color defaultHeader() {
        return get("default-header");
    }

    public Color badgeFill() {
        return get("badge-fill");
    }

    public Color badgeText() {
        return get("badge-text");
    }

    /** The frame around an expanded subgraph body. */
    public Color containerBorder() {
        return get("container-border");
    }

    public Color containerFill() {
        return get("container-fill");
    }

    /** The colour of an outline kind ({@code -gv-outline-error} and so on). */
    public Color outline(Outline kind) {
        return get("outline-" + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The header colour of a category; unknown categories get the neutral header. */
    public Color header(String category) {
        Color c = colours.get("category-" + category);
        return c == null ? defaultHeader() : c;
    }

    /** The categories with their own colour, for the SVG style sheet. */
    public Map<String, Color> categoryColours() {
        Map<String, Color> result = new LinkedHashMap<>();
        for (String c : CATEGORIES) {
            result.put(c, header(c));
        }
        return result;
    }

    /**
     * The built-in palette of a theme, the same values the view's user-agent style sheet declares
     * (GraphViewTest checks they agree). Used where no scene resolves CSS.
     */
    public static Palette of(Theme theme) {
        return theme == Theme.DARK ? DefaultPalettes.DARK : DefaultPalettes.LIGHT;
    }

    public static String css(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Palette p && p.colours.equals(colours);
    }

    @Override
    public int hashCode() {
        return colours.hashCode();
    }
}
