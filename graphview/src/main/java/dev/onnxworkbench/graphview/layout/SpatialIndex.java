package dev.onnxworkbench.graphview.layout;

import java.util.function.IntConsumer;

/**
 * A uniform grid over the drawing: each cell lists the items (boxes or edge routes) whose bounding
 * box touches it, in compressed rows. Viewport culling and hit tests visit only the cells in view, so
 * their cost follows what is on screen, not the size of the graph.
 */
public final class SpatialIndex {
    private static final int MAX_CELLS = 1 << 20;

    private final double cellSize;
    private final int columns;
    private final int rows;
    private final int[] cellStart;
    private final int[] items;
    private final int itemCount;
    private int[] visitStamp;
    private int stamp;

    private SpatialIndex(double cellSize, int columns, int rows, int[] cellStart, int[] items, int itemCount) {
        this.cellSize = cellSize;
        this.columns = columns;
        this.rows = rows;
        this.cellStart = cellStart;
        this.items = items;
        this.itemCount = itemCount;
        this.visitStamp = new int[itemCount];
    }

    public static SpatialIndex ofBoxes(double[] x, double[] y, double[] w, double[] h, double width, double height) {
        int n = x.length;
        double[] minX = new double[n];
        double[] minY = new double[n];
        double[] maxX = new double[n];
        double[] maxY = new double[n];
        for (int i = 0; i < n; i++) {
            minX[i] = x[i];
            minY[i] = y[i];
            maxX[i] = x[i] + w[i];
            maxY[i] = y[i] + h[i];
        }
        return build(minX, minY, maxX, maxY, width, height);
    }

    static SpatialIndex ofRoutes(double[][] routes, double width, double height) {
        int n = routes.length;
        double[] minX = new double[n];
        double[] minY = new double[n];
        double[] maxX = new double[n];
        double[] maxY = new double[n];
        for (int e = 0; e < n; e++) {
            double[] r = routes[e];
            if (r == null) {
                minX[e] = minY[e] = 1;
                maxX[e] = maxY[e] = 0; // empty: never listed
                continue;
            }
            minX[e] = minY[e] = Double.MAX_VALUE;
            maxX[e] = maxY[e] = -Double.MAX_VALUE;
            for (int k = 0; k + 1 < r.length; k += 2) {
                minX[e] = Math.min(minX[e], r[k]);
                maxX[e] = Math.max(maxX[e], r[k]);
                minY[e] = Math.min(minY[e], r[k + 1]);
                maxY[e] = Math.max(maxY[e], r[k + 1]);
            }
        }
        return build(minX, minY, maxX, maxY, width, height);
    }

    private static SpatialIndex build(double[] minX, double[] minY, double[] maxX, double[] maxY,
                                      double width, double height) {
        double cellSize = 256;
        while ((Math.ceil(width / cellSize) + 1) * (Math.ceil(height / cellSize) + 1) > MAX_CELLS) {
            cellSize *= 2;
        }
        double cell = cellSize;
        int cols = (int) Math.ceil(width / cell) + 1;
        int rows = (int) Math.ceil(height / cell) + 1;
        int[] count = new int[cols * rows + 1];
        int n = minX.length;
        CellVisitor cells = (i, visit) -> {
            if (maxX[i] < minX[i]) {
                return;
            }
            int c0 = clamp((int) (minX[i] / cell), cols);
            int c1 = clamp((int) (maxX[i] / cell), cols);
            int r0 = clamp((int) (minY[i] / cell), rows);
            int r1 = clamp((int) (maxY[i] / cell), rows);
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    visit.accept(r * cols + c);
                }
            }
        };
        // Two passes over the same cells: count per cell, then fill the compressed rows.
        for (int i = 0; i < n; i++) {
            cells.forEachCell(i, k -> count[k + 1]++);
        }
        for (int k = 1; k < count.length; k++) {
            count[k] += count[k - 1];
        }
        int[] items = new int[count[count.length - 1]];
        int[] fill = count.clone();
        for (int i = 0; i < n; i++) {
            int item = i;
            cells.forEachCell(i, k -> items[fill[k]++] = item);
        }
        return new SpatialIndex(cell, cols, rows, count, items, n);
    }

    /** Visits the cells an item's bounding box touches. */
    private interface CellVisitor {
        void forEachCell(int item, IntConsumer visit);
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    /**
     * Calls {@code visit} once for every item whose cells touch the rectangle. Not thread-safe: use from
     * one thread (the FX thread) at a time.
     */
    public void query(double minX, double minY, double maxX, double maxY, IntConsumer visit) {
        if (++stamp == Integer.MAX_VALUE) {
            visitStamp = new int[itemCount];
            stamp = 1;
        }
        int c0 = clamp((int) Math.floor(minX / cellSize), columns);
        int c1 = clamp((int) Math.floor(maxX / cellSize), columns);
        int r0 = clamp((int) Math.floor(minY / cellSize), rows);
        int r1 = clamp((int) Math.floor(maxY / cellSize), rows);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cell = r * columns + c;
                for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                    int item = items[k];
                    if (visitStamp[item] != stamp) {
                        visitStamp[item] = stamp;
                        visit.accept(item);
                    }
                }
            }
        }
    }
}
