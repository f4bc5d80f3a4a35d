package dev.onnxworkbench.graphview.render;

/**
 * Turns an edge route (points through the layer gaps) into a smooth curve: one cubic segment per
 * pair of points, with tangents along the layer direction so edges leave and enter boxes straight,
 * the way Netron draws them. The last segment stops short by the arrowhead's length.
 */
final class EdgeCurve {
    static final double ARROW_LENGTH = 6;
    static final double ARROW_HALF_WIDTH = 3;

    /** Receives the curve: moveTo once, then curveTo per segment. */
    interface Sink {
        void moveTo(double x, double y);

        void curveTo(double c1x, double c1y, double c2x, double c2y, double x, double y);
    }

    private EdgeCurve() {}

    /** Emits the curve; returns the direction of travel at the end as {dx, dy} (unit length). */
    static double[] trace(double[] r, boolean topDown, Sink sink) {
        int n = r.length / 2;
        double ex = r[2 * n - 2];
        double ey = r[2 * n - 1];
        double px = r[2 * n - 4];
        double py = r[2 * n - 3];
        // Arrival direction: along the rank axis, towards the target.
        double dirX = topDown ? 0 : Math.signum(ex - px);
        double dirY = topDown ? Math.signum(ey - py) : 0;
        if (dirX == 0 && dirY == 0) {
            dirY = 1;
        }
        double endX = ex - dirX * ARROW_LENGTH;
        double endY = ey - dirY * ARROW_LENGTH;
        sink.moveTo(r[0], r[1]);
        for (int i = 1; i < n; i++) {
            double x0 = r[2 * i - 2];
            double y0 = r[2 * i - 1];
            double x1 = i == n - 1 ? endX : r[2 * i];
            double y1 = i == n - 1 ? endY : r[2 * i + 1];
            if (topDown) {
                double dy = (y1 - y0) / 2;
                sink.curveTo(x0, y0 + dy, x1, y1 - dy, x1, y1);
            } else {
                double dx = (x1 - x0) / 2;
                sink.curveTo(x0 + dx, y0, x1 - dx, y1, x1, y1);
            }
        }
        return new double[] {dirX, dirY};
    }

    /** The three corners of the arrowhead ending at the route's last point: x0,y0,x1,y1,x2,y2. */
    static double[] arrowHead(double[] r, double[] dir) {
        int n = r.length / 2;
        double ex = r[2 * n - 2];
        double ey = r[2 * n - 1];
        double bx = ex - dir[0] * ARROW_LENGTH;
        double by = ey - dir[1] * ARROW_LENGTH;
        double nx = -dir[1] * ARROW_HALF_WIDTH;
        double ny = dir[0] * ARROW_HALF_WIDTH;
        return new double[] {ex, ey, bx + nx, by + ny, bx - nx, by - ny};
    }
}
