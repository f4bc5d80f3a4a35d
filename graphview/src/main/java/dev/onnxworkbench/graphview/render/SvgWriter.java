package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramRow;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * Writes a laid-out diagram as SVG at full scale, streaming (no DOM), so 50,000 nodes take well under
 * a second. Each node is a {@code <g class="node node-<category>">}; colours live in one style sheet.
 */
final class SvgWriter {
    private final BoxStyle style;
    private final Palette palette;
    private final DecorationIndex decorations;

    SvgWriter(BoxStyle style, Palette palette, DecorationIndex decorations) {
        this.style = style;
        this.palette = palette;
        this.decorations = decorations;
    }

    void write(DiagramLayout layout, Writer out) throws IOException {
        double w = layout.width();
        double h = layout.height();
        out.write(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n",
                w, h, w, h));
        writeStyle(out);
        out.write("<defs><marker id=\"arrow\" viewBox=\"0 0 6 6\" refX=\"0\" refY=\"3\" markerWidth=\"6\" "
                + "markerHeight=\"6\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L6,3 L0,6 z\" "
                + "class=\"arrow\"/></marker></defs>\n");
        out.write(String.format(Locale.ROOT, "<rect class=\"background\" width=\"%.0f\" height=\"%.0f\"/>%n", w, h));
        writeEdges(layout, out);
        writeNodes(layout, out);
        out.write("</svg>\n");
    }

    private void writeStyle(Writer out) throws IOException {
        StringBuilder css = new StringBuilder("<style>\n");
        css.append("text{font-family:").append(style.title().font().getFamily()).append(",sans-serif}\n");
        css.append(".background{fill:").append(Palette.css(palette.background())).append("}\n");
        css.append(".edge{fill:none;stroke:").append(Palette.css(palette.edge())).append(";stroke-width:1}\n");
        css.append(".arrow{fill:").append(Palette.css(palette.edge())).append("}\n");
        css.append(".edge-label{font-size:9px;fill:").append(Palette.css(palette.edgeLabel())).append("}\n");
        css.append(".body{fill:").append(Palette.css(palette.nodeBody())).append(";stroke:")
                .append(Palette.css(palette.nodeBorder())).append("}\n");
        css.append(".header{fill:").append(Palette.css(palette.defaultHeader())).append("}\n");
        css.append(".title{font-size:11px;fill:").append(Palette.css(palette.headerText())).append("}\n");
        css.append(".subtitle{font-size:9px;fill:").append(Palette.css(palette.headerText())).append(";opacity:.75}\n");
        css.append(".row{font-size:10px;fill:").append(Palette.css(palette.rowText())).append("}\n");
        css.append(".row .name{font-weight:bold}\n");
        css.append(".edge-label.actual{font-weight:bold;fill:").append(Palette.css(palette.actualLabel())).append("}\n");
        css.append(".badge rect{fill:").append(Palette.css(palette.badgeFill())).append("}\n");
        css.append(".badge text{font-size:9px;font-weight:bold;text-anchor:middle;fill:")
                .append(Palette.css(palette.badgeText())).append("}\n");
        css.append(".outline{fill:none;stroke-width:2.5}\n");
        css.append(".dashed{stroke-dasharray:6 4}\n");
        css.append(".terminal rect{fill:").append(Palette.css(palette.terminalFill())).append(";stroke:")
                .append(Palette.css(palette.terminalBorder())).append("}\n");
        css.append(".terminal text{font-size:11px;fill:").append(Palette.css(palette.terminalText()))
                .append(";text-anchor:middle}\n");
        for (Map.Entry<String, Color> c : palette.categoryColours().entrySet()) {
            css.append(".node-").append(c.getKey()).append(" .header{fill:").append(Palette.css(c.getValue()))
                    .append("}\n");
        }
        css.append("</style>\n");
        out.write(css.toString());
    }

    private void writeEdges(DiagramLayout layout, Writer out) throws IOException {
        boolean topDown = layout.direction() == LayoutDirection.TOP_TO_BOTTOM;
        List<DiagramEdge> edges = layout.diagram().edges();
        out.write("<g class=\"edges\">\n");
        StringBuilder d = new StringBuilder();
        java.util.Set<String> labelled = new java.util.HashSet<>();
        for (int e = 0; e < layout.edgeCount(); e++) {
            double[] r = layout.route(e);
            if (r == null) {
                continue;
            }
            d.setLength(0);
            EdgeCurve.trace(r, topDown, new EdgeCurve.Sink() {
                @Override
                public void moveTo(double x, double y) {
                    d.append('M').append(num(x)).append(',').append(num(y));
                }

                @Override
                public void curveTo(double c1x, double c1y, double c2x, double c2y, double x, double y) {
                    d.append(" C").append(num(c1x)).append(',').append(num(c1y)).append(' ').append(num(c2x))
                            .append(',').append(num(c2y)).append(' ').append(num(x)).append(',').append(num(y));
                }
            });
            out.write("<path class=\"edge" + edgeStyle(e) + "\" d=\"" + d + "\" marker-end=\"url(#arrow)\"/>\n");
            String label = decorations.label(e, edges.get(e).label());
            double[] p = DiagramPainter.labelAnchor(r, topDown);
            if (!label.isEmpty() && labelled.add(DiagramPainter.labelKey(p, label))) {
                String cls = decorations.isOverride(e) ? "edge-label actual" : "edge-label";
                out.write("<text class=\"" + cls + "\" x=\"" + num(p[0]) + "\" y=\"" + num(p[1]) + "\">" + escape(label)
                        + "</text>\n");
            }
        }
        out.write("</g>\n");
    }

    /** Extra class and inline style of a decorated edge ("" for a plain one). */
    private String edgeStyle(int e) {
        var d = decorations.edge(e);
        if (d == null || (d.colour() == null && d.width() <= 0 && !d.dashed())) {
            return "";
        }
        StringBuilder b = new StringBuilder(d.dashed() ? " dashed\" style=\"" : "\" style=\"");
        if (d.colour() != null) {
            b.append("stroke:").append(Palette.css(d.colour())).append(';');
        }
        if (d.width() > 0) {
            b.append("stroke-width:").append(num(d.width())).append(';');
        }
        return b.toString();
    }

    /** A node decoration: tint over the box, outline, badge (empty for an undecorated node). */
    private String nodeDecoration(int i, double x, double y, double w, double h) {
        var d = decorations.node(i);
        if (d == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (d.fill() != null) {
            b.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                    .append("\" height=\"").append(num(h)).append("\" rx=\"").append(num(BoxStyle.CORNER))
                    .append("\" style=\"fill:").append(Palette.css(d.fill())).append(";fill-opacity:")
                    .append(num(d.fill().getOpacity())).append(";stroke:none\"/>");
        }
        if (d.outline() != dev.onnxworkbench.graphview.Outline.NONE) {
            b.append("<rect class=\"outline").append(d.dashed() ? " dashed" : "").append("\" x=\"").append(num(x - 2.25))
                    .append("\" y=\"").append(num(y - 2.25)).append("\" width=\"").append(num(w + 4.5))
                    .append("\" height=\"").append(num(h + 4.5)).append("\" rx=\"").append(num(BoxStyle.CORNER + 2))
                    .append("\" style=\"stroke:").append(Palette.css(palette.outline(d.outline()))).append("\"/>");
        }
        if (!d.badge().isEmpty()) {
            double[] r = DecorationPainter.badgeBounds(d.badge(), x, y, w, style);
            String fill = d.outline() == dev.onnxworkbench.graphview.Outline.NONE ? ""
                    : " style=\"fill:" + Palette.css(palette.outline(d.outline())) + "\"";
            b.append("<g class=\"badge\"><rect x=\"").append(num(r[0])).append("\" y=\"").append(num(r[1]))
                    .append("\" width=\"").append(num(r[2])).append("\" height=\"").append(num(r[3]))
                    .append("\" rx=\"").append(num(r[3] / 2)).append('"').append(fill).append("/><text x=\"")
                    .append(num(r[0] + r[2] / 2)).append("\" y=\"").append(num(r[1] + r[3] / 2 + 3)).append("\">")
                    .append(escape(d.badge())).append("</text></g>");
        }
        return b.toString();
    }

    private void writeNodes(DiagramLayout layout, Writer out) throws IOException {
        List<DiagramNode> nodes = layout.diagram().nodes();
        out.write("<g class=\"nodes\">\n");
        StringBuilder s = new StringBuilder(512);
        for (int i = 0; i < layout.nodeCount(); i++) {
            DiagramNode n = nodes.get(i);
            double x = layout.x(i);
            double y = layout.y(i);
            double w = layout.width(i);
            double h = layout.height(i);
            s.setLength(0);
            if (n.kind() != DiagramNode.Kind.OPERATOR) {
                s.append("<g class=\"node terminal\" id=\"").append(escape(n.id())).append("\">")
                        .append(rect("", x, y, w, h)).append("<text x=\"").append(num(x + w / 2)).append("\" y=\"")
                        .append(num(y + h / 2 + 4)).append("\">").append(escape(n.title())).append("</text>")
                        .append(nodeDecoration(i, x, y, w, h)).append("</g>\n");
                out.write(s.toString());
                continue;
            }
            double header = style.headerHeight(n);
            s.append("<g class=\"node node-").append(escape(n.category())).append("\" id=\"").append(escape(n.id()))
                    .append("\">");
            if (!n.rows().isEmpty()) {
                s.append(rect("body", x, y, w, h));
                s.append("<path class=\"header\" d=\"M").append(num(x)).append(',').append(num(y + header))
                        .append(" V").append(num(y + BoxStyle.CORNER)).append(" Q").append(num(x)).append(',')
                        .append(num(y)).append(' ').append(num(x + BoxStyle.CORNER)).append(',').append(num(y))
                        .append(" H").append(num(x + w - BoxStyle.CORNER)).append(" Q").append(num(x + w)).append(',')
                        .append(num(y)).append(' ').append(num(x + w)).append(',').append(num(y + BoxStyle.CORNER))
                        .append(" V").append(num(y + header)).append(" Z\"/>");
            } else {
                s.append(rect("header", x, y, w, h));
            }
            s.append("<text class=\"title\" x=\"").append(num(x + BoxStyle.TEXT_INSET)).append("\" y=\"")
                    .append(num(y + 14)).append("\">").append(escape(n.title())).append("</text>");
            if (!n.subtitle().isEmpty()) {
                s.append("<text class=\"subtitle\" x=\"").append(num(x + BoxStyle.TEXT_INSET)).append("\" y=\"")
                        .append(num(y + BoxStyle.HEADER_HEIGHT + 6)).append("\">").append(escape(n.subtitle()))
                        .append("</text>");
            }
            double rowY = y + header + BoxStyle.BODY_PADDING + BoxStyle.ROW_HEIGHT / 2 + 3.5;
            for (DiagramRow r : n.rows()) {
                s.append("<text class=\"row\" x=\"").append(num(x + BoxStyle.TEXT_INSET - 2)).append("\" y=\"")
                        .append(num(rowY)).append("\">");
                if (r.kind() == DiagramRow.Kind.WEIGHT) {
                    s.append("<tspan class=\"name\">").append(escape(r.name())).append("</tspan>");
                } else {
                    s.append(escape(r.name()));
                }
                s.append(escape(BoxStyle.rowValueText(r))).append("</text>");
                rowY += BoxStyle.ROW_HEIGHT;
            }
            s.append(nodeDecoration(i, x, y, w, h)).append("</g>\n");
            out.write(s.toString());
        }
        out.write("</g>\n");
    }

    private static String rect(String cls, double x, double y, double w, double h) {
        return "<rect" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + " x=\"" + num(x) + "\" y=\"" + num(y)
                + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\" rx=\"" + num(BoxStyle.CORNER) + "\"/>";
    }

    private static String num(double v) {
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : Long.toString(r / 10) + "." + Math.abs(r % 10);
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                default -> c < 0x20 && c != '\t' ? " " : null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
