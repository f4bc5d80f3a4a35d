package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.ContainerBox;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * An expanded node: its coloured header with the title and a ⊖ to collapse, a light body, and a
 * framed panel per inline body under the body's name. The body's own boxes are drawn on top.
 */
final class ContainerPainter {
    private ContainerPainter() {}

    static void paint(GraphicsContext g, DiagramLayout layout, ContainerBox c, DiagramNode n, Palette palette,
                      double scale, boolean simple, BoxStyle style) {
        int i = c.node();
        double x = layout.x(i);
        double y = layout.y(i);
        double w = layout.width(i);
        double h = layout.height(i);
        double arc = 2 * BoxStyle.CORNER;
        g.setFill(palette.containerFill());
        g.fillRoundRect(x, y, w, h, arc, arc);
        g.setFill(palette.header(n.category()));
        g.fillRoundRect(x, y, w, BoxStyle.HEADER_HEIGHT, arc, arc);
        g.fillRect(x, y + BoxStyle.HEADER_HEIGHT - BoxStyle.CORNER, w, BoxStyle.CORNER);
        g.setStroke(palette.containerBorder());
        g.setLineWidth(Math.max(1, 1 / scale));
        g.strokeRoundRect(x + 0.5, y + 0.5, w - 1, h - 1, arc, arc);
        if (simple) {
            return;
        }
        g.setLineDashes(4, 3);
        for (ContainerBox.Panel p : c.panels()) {
            g.strokeRoundRect(p.x(), p.y(), p.width(), p.height(), arc, arc);
        }
        g.setLineDashes();
        if (scale < DiagramPainter.TEXT_SCALE) {
            return;
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(palette.headerText());
        g.setFont(style.title().font());
        g.fillText(n.title() + (n.subtitle().isEmpty() ? "" : "  " + n.subtitle()), x + BoxStyle.TEXT_INSET,
                y + BoxStyle.HEADER_HEIGHT / 2 + 0.5);
        DiagramPainter.paintExpandMark(g, x + w - 11, y + BoxStyle.HEADER_HEIGHT / 2, palette.headerText(), false);
        g.setFill(palette.rowText());
        g.setFont(style.rowBold().font());
        for (ContainerBox.Panel p : c.panels()) {
            g.fillText(p.name(), p.x() + 6, p.y() + 8);
        }
    }
}
