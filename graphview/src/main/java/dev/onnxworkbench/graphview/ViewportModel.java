package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.DiagramLayout;

/**
 * The pan and zoom of the view as plain numbers ({@code screen = world * scale + t}) with the
 * navigation rules, apart from any JavaFX node so tests can check them exactly:
 * <ul>
 * <li>first view: a small graph fits; a large one starts at its inputs (the top, or the left) at a
 *     readable zoom ({@link #READABLE_SCALE}), like Netron;</li>
 * <li>fit shows the whole drawing; actual size centres on the selection or keeps the current centre,
 *     moving to the nearest box when that centre is blank.</li>
 * </ul>
 */
final class ViewportModel {
    /** The smallest zoom at which box text reads comfortably (9–11 px fonts at ≥ 8 px). */
    static final double READABLE_SCALE = 0.8;
    static final double MAX_SCALE = 4;
    private static final double FIRST_VIEW_MARGIN = 12;

    private double scale = 1;
    private double tx;
    private double ty;
    private double width;
    private double height;

    Viewport snapshot() {
        return new Viewport(scale, tx, ty, width, height);
    }

    double scale() {
        return scale;
    }

    double tx() {
        return tx;
    }

    double ty() {
        return ty;
    }

    void setSize(double w, double h) {
        width = w;
        height = h;
    }

    boolean hasSize() {
        return width > 0 && height > 0;
    }

    /** The zoom at which the whole drawing fits the view (never above 2). */
    double fitScale(DiagramLayout layout) {
        return Math.min(2, Math.min(width / layout.width(), height / layout.height()));
    }

    /** The first view of a new layout: fit when that is readable, else the inputs at a readable zoom. */
    void initialView(DiagramLayout layout) {
        double fit = Math.min(1, fitScale(layout));
        if (fit >= READABLE_SCALE) {
            scale = fit;
            tx = (width - layout.width() * scale) / 2;
            ty = (height - layout.height() * scale) / 2;
            return;
        }
        scale = 1;
        boolean topDown = layout.direction() == LayoutDirection.TOP_TO_BOTTOM;
        // The first rank (inputs): the boxes whose near edge is closest to the drawing's start.
        double start = Double.MAX_VALUE;
        for (int i = 0; i < layout.nodeCount(); i++) {
            start = Math.min(start, topDown ? layout.y(i) : layout.x(i));
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < layout.nodeCount(); i++) {
            double near = topDown ? layout.y(i) : layout.x(i);
            if (near <= start + 40) {
                lo = Math.min(lo, topDown ? layout.x(i) : layout.y(i));
                hi = Math.max(hi, topDown ? layout.x(i) + layout.width(i) : layout.y(i) + layout.height(i));
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        double across = topDown ? width : height;
        double centre = (lo + hi) / 2;
        // Centre the inputs across the view; if they are wider than the view, start at the first one.
        double offset = hi - lo + 2 * FIRST_VIEW_MARGIN <= across ? across / 2 - centre * scale
                : FIRST_VIEW_MARGIN - lo * scale;
        double along = FIRST_VIEW_MARGIN - Math.max(0, start - 24) * scale;
        tx = topDown ? offset : along;
        ty = topDown ? along : offset;
    }

    /** The whole drawing, centred. */
    void fit(DiagramLayout layout) {
        scale = fitScale(layout);
        tx = (width - layout.width() * scale) / 2;
        ty = (height - layout.height() * scale) / 2;
    }

    /** Zoom 1, centred on {@code selected} when ≥ 0, else around the current centre (never on blank). */
    void actualSize(DiagramLayout layout, int selected) {
        if (selected >= 0) {
            centreOn(layout, selected, 1);
            return;
        }
        double cx = (width / 2 - tx) / scale;
        double cy = (height / 2 - ty) / scale;
        scale = 1;
        tx = width / 2 - cx;
        ty = height / 2 - cy;
        if (!anyNodeInView(layout)) {
            int nearest = nearestNode(layout, cx, cy);
            if (nearest >= 0) {
                centreOn(layout, nearest, 1);
            }
        }
    }

    /** Puts the node's centre at the view's centre, at {@code atScale} (or the current zoom when ≤ 0). */
    void centreOn(DiagramLayout layout, int node, double atScale) {
        if (atScale > 0) {
            scale = atScale;
        }
        tx = width / 2 - (layout.x(node) + layout.width(node) / 2) * scale;
        ty = height / 2 - (layout.y(node) + layout.height(node) / 2) * scale;
    }

    /** Zooms by {@code factor} keeping the world point under (px, py) in place. */
    void zoomAt(double factor, double px, double py, DiagramLayout layout) {
        double min = layout == null ? 0.05 : Math.min(0.5, 0.5 * fitScale(layout));
        double next = Math.max(min, Math.min(MAX_SCALE, scale * factor));
        double wx = (px - tx) / scale;
        double wy = (py - ty) / scale;
        scale = next;
        tx = px - wx * scale;
        ty = py - wy * scale;
    }

    /** Puts the view back where a snapshot left it (zoom and position; the size is the view's own). */
    void restore(Viewport saved) {
        scale = saved.scale();
        tx = saved.translateX();
        ty = saved.translateY();
    }

    void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
    }

    /** Moves so that world point (wx, wy) is at the view's centre. */
    void centreOnPoint(double wx, double wy) {
        tx = width / 2 - wx * scale;
        ty = height / 2 - wy * scale;
    }

    boolean anyNodeInView(DiagramLayout layout) {
        boolean[] any = {false};
        double minX = -tx / scale;
        double minY = -ty / scale;
        double maxX = minX + width / scale;
        double maxY = minY + height / scale;
        layout.nodeGrid().query(minX, minY, maxX, maxY, i -> {
            if (layout.x(i) < maxX && layout.y(i) < maxY && layout.x(i) + layout.width(i) > minX
                    && layout.y(i) + layout.height(i) > minY) {
                any[0] = true;
            }
        });
        return any[0];
    }

    static int nearestNode(DiagramLayout layout, double wx, double wy) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < layout.nodeCount(); i++) {
            double dx = Math.max(0, Math.max(layout.x(i) - wx, wx - layout.x(i) - layout.width(i)));
            double dy = Math.max(0, Math.max(layout.y(i) - wy, wy - layout.y(i) - layout.height(i)));
            double d = dx * dx + dy * dy;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
