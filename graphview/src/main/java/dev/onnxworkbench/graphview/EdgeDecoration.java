package dev.onnxworkbench.graphview;

import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * How one edge is drawn on top of its normal look.
 *
 * @param label   replaces the edge's declared label (for example the actual shape of a run, "1×3×640×640"
 *                where the model declares "N×3×H×W"); drawn bold in the palette's {@code -gv-actual-label}
 *                colour (or {@code colour} when set) so it reads differently from a declared shape; null keeps
 *                the declared label
 * @param colour  the stroke colour, or null for the normal edge colour
 * @param width   the stroke width in world units (screen pixels at actual size), or 0 for normal
 * @param dashed  true to draw the edge dashed
 * @param tooltip extra text shown when the pointer rests on the edge, or ""
 */
public record EdgeDecoration(String label, Color colour, double width, boolean dashed, String tooltip) {
    public EdgeDecoration {
        tooltip = Objects.requireNonNullElse(tooltip, "");
        if (width < 0 || Double.isNaN(width)) {
            throw new IllegalArgumentException("edge width must be 0 (normal) or positive: " + width);
        }
    }

    public static EdgeDecoration label(String label) {
        return new EdgeDecoration(label, null, 0, false, "");
    }

    public static EdgeDecoration style(Color colour, double width, boolean dashed) {
        return new EdgeDecoration(null, colour, width, dashed, "");
    }

    public EdgeDecoration withLabel(String value) {
        return new EdgeDecoration(value, colour, width, dashed, tooltip);
    }

    public EdgeDecoration withStyle(Color value, double strokeWidth, boolean isDashed) {
        return new EdgeDecoration(label, value, strokeWidth, isDashed, tooltip);
    }

    public EdgeDecoration withTooltip(String value) {
        return new EdgeDecoration(label, colour, width, dashed, value);
    }
}
