package dev.onnxworkbench.graphview;

import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * How one node is drawn on top of its normal look: a tint over the box (for example a profile heat
 * colour; use a translucent colour to keep the text readable, an opaque one to replace the body), an
 * outline, and a short badge at the top-right corner ("12.3 ms", "NaN").
 *
 * @param fill    tint over the box, or null for none
 * @param outline the outline kind ({@link Outline#NONE} for none)
 * @param dashed  true to draw the outline dashed (for example "removed" in a diff)
 * @param badge   a few characters shown in a pill at the top-right corner, or "" for none
 * @param tooltip extra text shown when the pointer rests on the node, or ""
 */
public record NodeDecoration(Color fill, Outline outline, boolean dashed, String badge, String tooltip) {
    public NodeDecoration {
        outline = Objects.requireNonNullElse(outline, Outline.NONE);
        badge = Objects.requireNonNullElse(badge, "");
        tooltip = Objects.requireNonNullElse(tooltip, "");
    }

    public static NodeDecoration fill(Color fill) {
        return new NodeDecoration(fill, Outline.NONE, false, "", "");
    }

    public static NodeDecoration outline(Outline outline) {
        return new NodeDecoration(null, outline, false, "", "");
    }

    public static NodeDecoration badge(String badge) {
        return new NodeDecoration(null, Outline.NONE, false, badge, "");
    }

    public NodeDecoration withFill(Color value) {
        return new NodeDecoration(value, outline, dashed, badge, tooltip);
    }

    public NodeDecoration withOutline(Outline value, boolean isDashed) {
        return new NodeDecoration(fill, value, isDashed, badge, tooltip);
    }

    public NodeDecoration withBadge(String value) {
        return new NodeDecoration(fill, outline, dashed, value, tooltip);
    }

    public NodeDecoration withTooltip(String value) {
        return new NodeDecoration(fill, outline, dashed, badge, value);
    }
}
