package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/** Draws a node decoration's outline and badge over a box that is already painted. */
final class DecorationPainter {
    static final double BADGE_HEIGHT = 13;
    private static final double BADGE_PAD = 4;

    private DecorationPainter() {}

    static void paint(GraphicsContext g, NodeDecoration d, double x, double y, double w, double h, Palette palette,
                      double scale, BoxStyle style) {
        if (d.outline() != Outline.NONE) {
            g.setStroke(palette.outline(d.outline()));
            double width = Math.max(2.5, 2.5 / scale);
            g.setLineWidth(width);
            if (d.dashed()) {
                g.setLineDashes(3 * width, 2 * width);
            }
            double pad = width / 2 + 1;
            g.strokeRoundRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad, 2 * BoxStyle.CORNER + 2 * pad,
                    2 * BoxStyle.CORNER + 2 * pad);
            g.setLineDashes();
        }
        if (!d.badge().isEmpty() && scale >= DiagramPainter.TEXT_SCALE) {
            double[] b = badgeBounds(d.badge(), x, y, w, style);
            g.setFill(d.outline() == Outline.NONE ? palette.badgeFill() : palette.outline(d.outline()));
            g.fillRoundRect(b[0], b[1], b[2], b[3], BADGE_HEIGHT, BADGE_HEIGHT);
            g.setFill(palette.badgeText());
            g.setFont(style.edgeLabelBold().font());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(d.badge(), b[0] + b[2] / 2, b[1] + b[3] / 2 + 0.5);
            g.setTextAlign(TextAlignment.LEFT);
        }
    }

    /** The badge pill: x, y, width, height; it straddles the box's top-right corner. */
    static double[] badgeBounds(String badge, double x, double y, double w, BoxStyle style) {
        double bw = style.edgeLabelBold().width(badge) + 2 * BADGE_PAD;
        return new double[] {x + w - bw + BADGE_PAD, y - BADGE_HEIGHT / 2 - 2, bw, BADGE_HEIGHT};
    }
}
