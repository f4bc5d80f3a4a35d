package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.layout.SpatialIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Where each edge label goes, decided once per layout (and again when decorations replace labels) so
 * that no two labels overlap: a label sits just below its edge's source; when that spot is taken it
 * stacks below, or moves to the edge's other side; when no spot is free it is left out (hovering the
 * edge shows it, with the full text). Overridden labels (actual shapes) are placed first. Consumers of
 * one tensor share one label. Long labels are shortened by {@link LabelText}.
 */
public final class EdgeLabelPlacement {
    private static final double CELL = 64;
    private static final double SIDE_GAP = 8;

    private final int[] edge;
    private final double[] x;
    private final double[] y;
    private final double[] w;
    private final String[] text;
    private final boolean[] override;
    private final double height;
    private final SpatialIndex grid;
    private final int dropped;

    private EdgeLabelPlacement(int[] edge, double[] x, double[] y, double[] w, String[] text, boolean[] override,
                               double height, double totalWidth, double totalHeight, int dropped) {
        this.edge = edge;
        this.x = x;
        this.y = y;
        this.w = w;
        this.text = text;
        this.override = override;
        this.height = height;
        this.dropped = dropped;
        double[] h = new double[x.length];
        Arrays.fill(h, height);
        this.grid = SpatialIndex.ofBoxes(x, y, w, h, Math.max(1, totalWidth), Math.max(1, totalHeight));
    }

    public static EdgeLabelPlacement compute(DiagramLayout layout, DecorationIndex decorations, BoxStyle style) {
        List<DiagramEdge> edges = layout.diagram().edges();
        boolean topDown = layout.direction() == LayoutDirection.TOP_TO_BOTTOM;
        double lh = Math.ceil(style.edgeLabel().lineHeight());
        List<Integer> order = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            if (layout.route(e) != null && !decorations.label(e, edges.get(e).label()).isEmpty()) {
                order.add(e);
            }
        }
        order.sort((a, b) -> Boolean.compare(decorations.isOverride(b), decorations.isOverride(a)));
        Map<Long, List<Integer>> cells = new HashMap<>();
        Set<String> shared = new HashSet<>();
        int n = order.size();
        int[] edgeOf = new int[n];
        double[] lx = new double[n];
        double[] ly = new double[n];
        double[] lw = new double[n];
        String[] lt = new String[n];
        boolean[] lo = new boolean[n];
        int count = 0;
        int dropped = 0;
        for (int e : order) {
            String full = decorations.label(e, edges.get(e).label());
            double[] r = layout.route(e);
            double[] anchor = DiagramPainter.labelAnchor(r, topDown);
            if (!shared.add(DiagramPainter.labelKey(anchor, full))) {
                continue; // the same tensor's label is already at this spot
            }
            boolean isOverride = decorations.isOverride(e);
            String shown = LabelText.display(full);
            double width = (isOverride ? style.edgeLabelBold() : style.edgeLabel()).width(shown);
            double[] spot = choose(anchor, width, lh, topDown, cells, lx, ly, lw, layout);
            if (spot == null) {
                dropped++;
                continue;
            }
            edgeOf[count] = e;
            lx[count] = spot[0];
            ly[count] = spot[1];
            lw[count] = width;
            lt[count] = shown;
            lo[count] = isOverride;
            insert(cells, count, spot[0], spot[1], width, lh);
            count++;
        }
        return new EdgeLabelPlacement(Arrays.copyOf(edgeOf, count), Arrays.copyOf(lx, count), Arrays.copyOf(ly, count),
                Arrays.copyOf(lw, count), Arrays.copyOf(lt, count), Arrays.copyOf(lo, count), lh,
                layout.width() + 400, layout.height() + 40, dropped);
    }

    /** The first candidate spot (top-left corner) free of other labels, preferring spots off the boxes. */
    private static double[] choose(double[] anchor, double width, double lh, boolean topDown,
                                   Map<Long, List<Integer>> cells, double[] lx, double[] ly, double[] lw,
                                   DiagramLayout layout) {
        double ax = anchor[0];
        double top = anchor[1] - lh; // the anchor is the text's bottom-left
        double[][] candidates = topDown
                ? new double[][] {{ax, top}, {ax, top + lh}, {ax, top + 2 * lh}, {ax - width - SIDE_GAP, top},
                    {ax - width - SIDE_GAP, top + lh}}
                : new double[][] {{ax, top}, {ax, top - lh}, {ax, top + lh + 6}, {ax, top - 2 * lh}};
        double[] fallback = null;
        for (double[] c : candidates) {
            if (collides(cells, c[0], c[1], width, lh, lx, ly, lw)) {
                continue;
            }
            if (!onABox(layout, c[0], c[1], width, lh)) {
                return c;
            }
            if (fallback == null) {
                fallback = c;
            }
        }
        return fallback;
    }

    private static boolean onABox(DiagramLayout layout, double x0, double y0, double w, double h) {
        boolean[] hit = {false};
        layout.nodeGrid().query(x0, y0, x0 + w, y0 + h, i -> {
            if (layout.container(i) == null && layout.x(i) < x0 + w && x0 < layout.x(i) + layout.width(i)
                    && layout.y(i) < y0 + h && y0 < layout.y(i) + layout.height(i)) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    private static boolean collides(Map<Long, List<Integer>> cells, double x0, double y0, double w, double h,
                                    double[] lx, double[] ly, double[] lw) {
        for (long cx = (long) Math.floor(x0 / CELL); cx <= (long) Math.floor((x0 + w) / CELL); cx++) {
            for (long cy = (long) Math.floor(y0 / CELL); cy <= (long) Math.floor((y0 + h) / CELL); cy++) {
                List<Integer> list = cells.get(cx * 1_000_003L + cy);
                if (list == null) {
                    continue;
                }
                for (int k : list) {
                    if (lx[k] < x0 + w && x0 < lx[k] + lw[k] && ly[k] < y0 + h && y0 < ly[k] + h) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void insert(Map<Long, List<Integer>> cells, int k, double x0, double y0, double w, double h) {
        for (long cx = (long) Math.floor(x0 / CELL); cx <= (long) Math.floor((x0 + w) / CELL); cx++) {
            for (long cy = (long) Math.floor(y0 / CELL); cy <= (long) Math.floor((y0 + h) / CELL); cy++) {
                cells.computeIfAbsent(cx * 1_000_003L + cy, key -> new ArrayList<>(2)).add(k);
            }
        }
    }

    /** Placed labels. */
    public int count() {
        return edge.length;
    }

    /** Labels left out because every spot near their edge was taken. */
    public int dropped() {
        return dropped;
    }

    /** The edge whose label is number {@code k}. */
    public int edge(int k) {
        return edge[k];
    }

    /** Label {@code k}'s box: x, y (top-left), width, height. */
    public double[] bounds(int k) {
        return new double[] {x[k], y[k], w[k], height};
    }

    public String text(int k) {
        return text[k];
    }

    /** True when label {@code k} is a decoration's override (drawn bold in the actual-label colour). */
    public boolean isOverride(int k) {
        return override[k];
    }

    /** Visits the labels that touch a rectangle. */
    public void forEachIn(double minX, double minY, double maxX, double maxY, IntConsumer action) {
        grid.query(minX, minY, maxX, maxY, action);
    }

    /** The edge whose label is at a world point, or -1. */
    public int edgeAt(double px, double py) {
        int[] hit = {-1};
        grid.query(px, py, px, py, k -> {
            if (px >= x[k] && px <= x[k] + w[k] && py >= y[k] && py <= y[k] + height) {
                hit[0] = edge[k];
            }
        });
        return hit[0];
    }
}
