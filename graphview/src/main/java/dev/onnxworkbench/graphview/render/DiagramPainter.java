package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramRow;
import dev.onnxworkbench.graphview.EdgeDecoration;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws the part of a laid-out diagram that is in view, at a level of detail that suits the zoom:
 * full boxes with text up close, coloured boxes without text further out, plain rectangles and
 * straight edges far out. Only items in the viewport are visited (through the layout's grid), so the
 * cost of a frame follows what is on screen.
 */
public final class DiagramPainter {
    /** Below this zoom no text is readable, so none is drawn. */
    static final double TEXT_SCALE = 0.38;
    /** Below this zoom boxes are drawn as plain rectangles and edges as straight lines. */
    public static final double SIMPLE_SCALE = 0.16;
    private static final double LABEL_SCALE = 0.6;

    private final BoxStyle style;

    public DiagramPainter(BoxStyle style) {
        this.style = style;
    }

    /**
     * Paints the viewport: world coordinates map to the canvas as {@code screen = world * scale + t}.
     * Clears the viewport with the palette's background first.
     */
    public void paint(GraphicsContext g, DiagramLayout layout, Palette palette, ViewState state,
                      double scale, double tx, double ty, double viewWidth, double viewHeight) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(palette.background());
        g.fillRect(0, 0, viewWidth, viewHeight);
        g.setTransform(scale, 0, 0, scale, tx, ty);
        double minX = -tx / scale;
        double minY = -ty / scale;
        double maxX = minX + viewWidth / scale;
        double maxY = minY + viewHeight / scale;
        boolean topDown = layout.direction() == LayoutDirection.TOP_TO_BOTTOM;
        boolean simple = scale < SIMPLE_SCALE;

        paintEdges(g, layout, palette, state, scale, minX, minY, maxX, maxY, topDown, simple);
        List<DiagramNode> nodes = layout.diagram().nodes();
        layout.nodeGrid().query(minX, minY, maxX, maxY, i -> {
            if (layout.x(i) > maxX || layout.y(i) > maxY || layout.x(i) + layout.width(i) < minX
                    || layout.y(i) + layout.height(i) < minY) {
                return;
            }
            paintNode(g, layout, i, nodes.get(i), palette, state, scale, simple);
        });
        g.setTransform(1, 0, 0, 1, 0, 0);
    }

    private void paintEdges(GraphicsContext g, DiagramLayout layout, Palette palette, ViewState state, double scale,
                            double minX, double minY, double maxX, double maxY, boolean topDown, boolean simple) {
        int selected = state.selectedNode() >= 0 ? state.selectedNode() : state.hoveredNode();
        g.setStroke(palette.edge());
        g.setFill(palette.edge());
        g.setLineWidth(Math.max(1, 1 / scale) * (simple ? 0.8 : 1));
        g.beginPath();
        int[] drawn = {0};
        layout.edgeGrid().query(minX, minY, maxX, maxY, e -> {
            double[] r = layout.route(e);
            if (r == null || isEmphasised(layout, e, selected, state) || isStyled(state, e)) {
                return;
            }
            appendEdge(g, r, topDown, simple);
            drawn[0]++;
        });
        g.stroke();
        if (!simple) {
            layout.edgeGrid().query(minX, minY, maxX, maxY, e -> {
                double[] r = layout.route(e);
                if (r != null && !isEmphasised(layout, e, selected, state) && !isStyled(state, e)) {
                    arrow(g, r, topDown);
                }
            });
        }
        paintStyledEdges(g, layout, palette, state, scale, minX, minY, maxX, maxY, topDown, simple, selected);
        if (!simple && scale >= LABEL_SCALE) {
            paintEdgeLabels(g, layout, palette, state, minX, minY, maxX, maxY, topDown);
        }
        // Edges of the selected (or hovered) node and the selected edge, on top in the accent colour.
        g.setStroke(palette.selection());
        g.setFill(palette.selection());
        g.setLineWidth(Math.max(1.8, 1.8 / scale));
        if (selected >= 0) {
            for (int e : layout.incidentEdges(selected)) {
                emphasise(g, layout, e, topDown, simple);
            }
        }
        if (state.hoveredEdge() >= 0 && state.hoveredEdge() != state.selectedEdge()
                && layout.route(state.hoveredEdge()) != null) {
            g.setStroke(palette.hover());
            g.setFill(palette.hover());
            g.setLineWidth(Math.max(2.2, 2.2 / scale));
            emphasise(g, layout, state.hoveredEdge(), topDown, simple);
            g.setStroke(palette.selection());
            g.setFill(palette.selection());
        }
        if (state.selectedEdge() >= 0 && layout.route(state.selectedEdge()) != null) {
            g.setLineWidth(Math.max(2.6, 2.6 / scale));
            emphasise(g, layout, state.selectedEdge(), topDown, simple);
        }
    }

    /** True when a decoration strokes the edge in its own colour, width or dash. */
    private static boolean isStyled(ViewState state, int e) {
        EdgeDecoration d = state.decorations().edge(e);
        return d != null && (d.colour() != null || d.width() > 0 || d.dashed());
    }

    /** Decorated edges, each in its own stroke (few, so one path each is fine). */
    private void paintStyledEdges(GraphicsContext g, DiagramLayout layout, Palette palette, ViewState state,
                                  double scale, double minX, double minY, double maxX, double maxY, boolean topDown,
                                  boolean simple, int selected) {
        if (state.decorations().isEmpty()) {
            return;
        }
        layout.edgeGrid().query(minX, minY, maxX, maxY, e -> {
            EdgeDecoration d = state.decorations().edge(e);
            if (d == null || !isStyled(state, e) || isEmphasised(layout, e, selected, state)
                    || layout.route(e) == null) {
                return;
            }
            Color c = d.colour() == null ? palette.edge() : d.colour();
            g.setStroke(c);
            g.setFill(c);
            double width = d.width() > 0 ? d.width() : 1;
            g.setLineWidth(Math.max(width, width / scale));
            if (d.dashed()) {
                g.setLineDashes(6 * Math.max(1, 1 / scale), 4 * Math.max(1, 1 / scale));
            }
            emphasise(g, layout, e, topDown, simple);
            g.setLineDashes();
        });
    }

    private static boolean isEmphasised(DiagramLayout layout, int e, int selected, ViewState state) {
        return e == state.selectedEdge() || (selected >= 0
                && (layout.edgeFrom(e) == selected || layout.edgeTo(e) == selected));
    }

    private void emphasise(GraphicsContext g, DiagramLayout layout, int e, boolean topDown, boolean simple) {
        double[] r = layout.route(e);
        if (r == null) {
            return;
        }
        g.beginPath();
        appendEdge(g, r, topDown, simple);
        g.stroke();
        if (!simple) {
            arrow(g, r, topDown);
        }
    }

    private static void appendEdge(GraphicsContext g, double[] r, boolean topDown, boolean simple) {
        if (simple) {
            g.moveTo(r[0], r[1]);
            for (int k = 2; k + 1 < r.length; k += 2) {
                g.lineTo(r[k], r[k + 1]);
            }
            return;
        }
        EdgeCurve.trace(r, topDown, new EdgeCurve.Sink() {
            @Override
            public void moveTo(double x, double y) {
                g.moveTo(x, y);
            }

            @Override
            public void curveTo(double c1x, double c1y, double c2x, double c2y, double x, double y) {
                g.bezierCurveTo(c1x, c1y, c2x, c2y, x, y);
            }
        });
    }

    private static void arrow(GraphicsContext g, double[] r, boolean topDown) {
        double[] dir = EdgeCurve.trace(r, topDown, NO_SINK);
        double[] a = EdgeCurve.arrowHead(r, dir);
        g.fillPolygon(new double[] {a[0], a[2], a[4]}, new double[] {a[1], a[3], a[5]}, 3);
    }

    private static final EdgeCurve.Sink NO_SINK = new EdgeCurve.Sink() {
        @Override
        public void moveTo(double x, double y) {}

        @Override
        public void curveTo(double c1x, double c1y, double c2x, double c2y, double x, double y) {}
    };

    private void paintEdgeLabels(GraphicsContext g, DiagramLayout layout, Palette palette, ViewState state,
                                 double minX, double minY, double maxX, double maxY, boolean topDown) {
        List<DiagramEdge> edges = layout.diagram().edges();
        DecorationIndex decorations = state.decorations();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        java.util.Set<String> drawn = new java.util.HashSet<>();
        layout.edgeGrid().query(minX, minY, maxX, maxY, e -> {
            String label = decorations.label(e, edges.get(e).label());
            double[] r = layout.route(e);
            if (label.isEmpty() || r == null) {
                return;
            }
            double[] p = labelAnchor(r, topDown);
            if (!drawn.add(labelKey(p, label))) {
                return;
            }
            if (decorations.isOverride(e)) {
                EdgeDecoration d = decorations.edge(e);
                g.setFill(d.colour() != null ? d.colour() : palette.actualLabel());
                g.setFont(style.edgeLabelBold().font());
            } else {
                g.setFill(palette.edgeLabel());
                g.setFont(style.edgeLabel().font());
            }
            g.fillText(label, p[0], p[1]);
        });
    }

    /**
     * Edge labels sit beside the edge just below its source, in the gap between layers: edges that meet
     * at one consumer then keep their labels apart, and the consumers of one tensor share one label.
     */
    static double[] labelAnchor(double[] r, boolean topDown) {
        return topDown ? new double[] {r[0] + 4, r[1] + 13} : new double[] {r[0] + 5, r[1] - 3};
    }

    /** A key for "this text at this spot", so a fanned-out tensor's label is drawn once. */
    static String labelKey(double[] anchor, String label) {
        return Math.round(anchor[0]) + "," + Math.round(anchor[1]) + ":" + label;
    }

    private void paintNode(GraphicsContext g, DiagramLayout layout, int i, DiagramNode n, Palette palette,
                           ViewState state, double scale, boolean simple) {
        double x = layout.x(i);
        double y = layout.y(i);
        double w = layout.width(i);
        double h = layout.height(i);
        boolean terminal = n.kind() != DiagramNode.Kind.OPERATOR;
        if (state.highlighted().contains(i)) {
            g.setFill(palette.searchHit());
            double pad = Math.max(4, 3 / scale);
            g.fillRoundRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad, 12, 12);
        }
        NodeDecoration decoration = state.decorations().node(i);
        Color tint = decoration == null ? null : decoration.fill();
        if (simple) {
            g.setFill(terminal ? palette.terminalBorder() : palette.header(n.category()));
            g.fillRect(x, y, w, h);
            if (tint != null) {
                g.setFill(tint.deriveColor(0, 1, 1, 1 / Math.max(0.01, tint.getOpacity()))); // opaque far out
                g.fillRect(x, y, w, h);
            }
        } else if (terminal) {
            paintTerminal(g, x, y, w, h, n, palette, scale, tint);
        } else {
            paintOperator(g, x, y, w, h, n, palette, scale, tint);
        }
        if (decoration != null) {
            DecorationPainter.paint(g, decoration, x, y, w, h, palette, scale, style);
        }
        if (i == state.selectedNode() || i == state.hoveredNode()) {
            g.setStroke(i == state.selectedNode() ? palette.selection() : palette.hover());
            g.setLineWidth(Math.max(2, 2 / scale));
            double pad = Math.max(2, 2 / scale);
            g.strokeRoundRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad, 2 * BoxStyle.CORNER + 4,
                    2 * BoxStyle.CORNER + 4);
        }
    }

    private void paintTerminal(GraphicsContext g, double x, double y, double w, double h, DiagramNode n,
                               Palette palette, double scale, Color tint) {
        double arc = 2 * BoxStyle.CORNER;
        g.setFill(palette.terminalFill());
        g.fillRoundRect(x, y, w, h, arc, arc);
        if (tint != null) {
            g.setFill(tint);
            g.fillRoundRect(x, y, w, h, arc, arc);
        }
        g.setStroke(palette.terminalBorder());
        g.setLineWidth(1);
        g.strokeRoundRect(x + 0.5, y + 0.5, w - 1, h - 1, arc, arc);
        if (scale >= TEXT_SCALE) {
            g.setFill(palette.terminalText());
            g.setFont(style.title().font());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(n.title(), x + w / 2, y + h / 2 + 0.5);
        }
    }

    private void paintOperator(GraphicsContext g, double x, double y, double w, double h, DiagramNode n,
                               Palette palette, double scale, Color tint) {
        double arc = 2 * BoxStyle.CORNER;
        double header = style.headerHeight(n);
        Color headerColour = palette.header(n.category());
        if (n.rows().isEmpty()) {
            g.setFill(headerColour);
            g.fillRoundRect(x, y, w, h, arc, arc);
        } else {
            g.setFill(palette.nodeBody());
            g.fillRoundRect(x, y, w, h, arc, arc);
            g.setFill(headerColour);
            g.fillRoundRect(x, y, w, header, arc, arc);
            g.fillRect(x, y + header - BoxStyle.CORNER, w, BoxStyle.CORNER);
            g.setStroke(palette.nodeBorder());
            g.setLineWidth(1);
            g.strokeRoundRect(x + 0.5, y + 0.5, w - 1, h - 1, arc, arc);
        }
        if (tint != null) {
            g.setFill(tint);
            g.fillRoundRect(x, y, w, h, arc, arc);
        }
        if (scale < TEXT_SCALE) {
            return;
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(palette.headerText());
        g.setFont(style.title().font());
        g.fillText(n.title(), x + BoxStyle.TEXT_INSET, y + BoxStyle.HEADER_HEIGHT / 2 + 0.5);
        if (n.expandable()) {
            paintExpandMark(g, x + w - 11, y + BoxStyle.HEADER_HEIGHT / 2, palette);
        }
        if (!n.subtitle().isEmpty()) {
            g.setFont(style.subtitle().font());
            g.setFill(palette.headerText().deriveColor(0, 1, 1, 0.75));
            g.fillText(n.subtitle(), x + BoxStyle.TEXT_INSET, y + BoxStyle.HEADER_HEIGHT + BoxStyle.SUBTITLE_HEIGHT / 2 - 3);
        }
        double rowY = y + header + BoxStyle.BODY_PADDING + BoxStyle.ROW_HEIGHT / 2;
        g.setFill(palette.rowText());
        for (DiagramRow r : n.rows()) {
            double tx = x + BoxStyle.TEXT_INSET - 2;
            if (r.kind() == DiagramRow.Kind.WEIGHT) {
                g.setFont(style.rowBold().font());
                g.fillText(r.name(), tx, rowY);
                tx += style.rowBold().width(r.name());
            } else {
                g.setFont(style.row().font());
                g.fillText(r.name(), tx, rowY);
                tx += style.row().width(r.name());
            }
            g.setFont(style.row().font());
            g.fillText(BoxStyle.rowValueText(r), tx, rowY);
            rowY += BoxStyle.ROW_HEIGHT;
        }
    }

    /** A small "+" in a circle: this node holds subgraphs a user can open. */
    private static void paintExpandMark(GraphicsContext g, double cx, double cy, Palette palette) {
        g.setStroke(palette.headerText());
        g.setLineWidth(1);
        g.strokeOval(cx - 5, cy - 5, 10, 10);
        g.strokeLine(cx - 2.5, cy, cx + 2.5, cy);
        g.strokeLine(cx, cy - 2.5, cx, cy + 2.5);
    }
}
