package dev.onnxworkbench.graphview.layout;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.LayoutDirection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;

/**
 * The result of a layout: a box per node (top-left corner and size, by node index in the diagram)
 * and a route per edge (points from the source box's border through the layer gaps to the target's),
 * plus a spatial index for culling and hit tests. Immutable once built.
 */
public final class DiagramLayout {
    private final Diagram diagram;
    private final LayoutDirection direction;
    private final double[] x;
    private final double[] y;
    private final double[] w;
    private final double[] h;
    private final double[][] routes;
    private final int[] edgeFrom;
    private final int[] edgeTo;
    private final double width;
    private final double height;
    private final Map<String, Integer> nodeIndex;
    private final Map<String, Integer> edgeIndex;
    private final SpatialIndex nodeGrid;
    private final SpatialIndex edgeGrid;
    private final int[][] incidentEdges;
    private final Diagram source;
    private final boolean[] dashed;
    private final ContainerBox[] containers;
    private final List<ContainerBox> containerList;

    DiagramLayout(Diagram diagram, LayoutDirection direction, double[] x, double[] y, double[] w, double[] h,
                  double[][] routes, int[] edgeFrom, int[] edgeTo, Map<String, Integer> nodeIndex) {
        this(diagram, diagram, direction, x, y, w, h, routes, edgeFrom, edgeTo, nodeIndex, new boolean[routes.length],
                List.of());
    }

    /**
     * A layout whose drawn {@code diagram} was flattened from {@code source} (inline bodies expanded):
     * {@code dashed} marks outer-scope edges, {@code containers} the expanded nodes.
     */
    DiagramLayout(Diagram source, Diagram diagram, LayoutDirection direction, double[] x, double[] y, double[] w,
                  double[] h, double[][] routes, int[] edgeFrom, int[] edgeTo, Map<String, Integer> nodeIndex,
                  boolean[] dashed, List<ContainerBox> containers) {
        this.source = source;
        this.dashed = dashed;
        this.containers = new ContainerBox[x.length];
        for (ContainerBox c : containers) {
            this.containers[c.node()] = c;
        }
        this.containerList = List.copyOf(containers);
        this.diagram = diagram;
        this.direction = direction;
        this.x = x;
        this.y = y;
        this.w = w;
        this.h = h;
        this.routes = routes;
        this.edgeFrom = edgeFrom;
        this.edgeTo = edgeTo;
        this.nodeIndex = nodeIndex;
        double maxX = 0;
        double maxY = 0;
        for (int i = 0; i < x.length; i++) {
            maxX = Math.max(maxX, x[i] + w[i]);
            maxY = Math.max(maxY, y[i] + h[i]);
        }
        this.width = maxX + LayeredLayout.MARGIN;
        this.height = maxY + LayeredLayout.MARGIN;
        List<DiagramEdge> edges = diagram.edges();
        this.edgeIndex = new HashMap<>(edges.size() * 2);
        for (int e = 0; e < edges.size(); e++) {
            edgeIndex.put(edges.get(e).id(), e);
        }
        this.nodeGrid = SpatialIndex.ofBoxes(x, y, w, h, width, height);
        this.edgeGrid = SpatialIndex.ofRoutes(routes, width, height);
        this.incidentEdges = incidence(x.length, edgeFrom, edgeTo);
    }

    private static int[][] incidence(int n, int[] from, int[] to) {
        int[] count = new int[n];
        for (int e = 0; e < from.length; e++) {
            if (from[e] >= 0) {
                count[from[e]]++;
                count[to[e]]++;
            }
        }
        int[][] result = new int[n][];
        for (int i = 0; i < n; i++) {
            result[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int e = 0; e < from.length; e++) {
            if (from[e] >= 0) {
                result[from[e]][fill[from[e]]++] = e;
                result[to[e]][fill[to[e]]++] = e;
            }
        }
        return result;
    }

    /** The diagram drawn: the source with expanded bodies' nodes and edges appended (node index order). */
    public Diagram diagram() {
        return diagram;
    }

    /** The diagram that was laid out (the one set on the view). */
    public Diagram source() {
        return source;
    }

    /** True for an outer-scope edge: drawn dashed from a producer outside a body into it. */
    public boolean isDashed(int edge) {
        return dashed[edge];
    }

    /** The container of an expanded node, or null for an ordinary box. */
    public ContainerBox container(int node) {
        return containers[node];
    }

    /** All expanded nodes, outer ones before those nested in them. */
    public List<ContainerBox> containers() {
        return containerList;
    }

    /** A rough count of the bytes this layout holds (for the view's bounded cache). */
    public long estimatedBytes() {
        long bytes = 200L * x.length + 120L * routes.length; // arrays, index maps, grid entries
        for (double[] r : routes) {
            bytes += r == null ? 0 : 16 + 8L * r.length;
        }
        return bytes;
    }

    public LayoutDirection direction() {
        return direction;
    }

    public int nodeCount() {
        return x.length;
    }

    public int edgeCount() {
        return routes.length;
    }

    public double x(int node) {
        return x[node];
    }

    public double y(int node) {
        return y[node];
    }

    public double width(int node) {
        return w[node];
    }

    public double height(int node) {
        return h[node];
    }

    public Rectangle2D bounds(int node) {
        return new Rectangle2D(x[node], y[node], w[node], h[node]);
    }

    /** Total drawing size, margins included. */
    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** Node index for an id, or -1. */
    public int indexOf(String nodeId) {
        Integer i = nodeIndex.get(nodeId);
        return i == null ? -1 : i;
    }

    /** Edge index for an id, or -1. */
    public int edgeIndexOf(String edgeId) {
        Integer i = edgeIndex.get(edgeId);
        return i == null ? -1 : i;
    }

    /**
     * The route of an edge as x,y pairs: the first point on the source box, the last on the target box;
     * null when the edge's ends are not in the diagram.
     */
    public double[] route(int edge) {
        return routes[edge];
    }

    public int edgeFrom(int edge) {
        return edgeFrom[edge];
    }

    public int edgeTo(int edge) {
        return edgeTo[edge];
    }

    /** Edges that start or end at a node. */
    public int[] incidentEdges(int node) {
        return incidentEdges[node];
    }

    public SpatialIndex nodeGrid() {
        return nodeGrid;
    }

    public SpatialIndex edgeGrid() {
        return edgeGrid;
    }

    /** The topmost node whose box contains the point (a node in an expanded body before its container), or -1. */
    public int nodeAt(double px, double py) {
        int[] hit = {-1};
        nodeGrid.query(px, py, px, py, i -> {
            if (px >= x[i] && px <= x[i] + w[i] && py >= y[i] && py <= y[i] + h[i]) {
                hit[0] = Math.max(hit[0], i); // a body's nodes come after (and lie on) their container
            }
        });
        return hit[0];
    }

    /** The edge passing within {@code tolerance} of the point, or -1 (routes measured as polylines). */
    public int edgeAt(double px, double py, double tolerance) {
        double[] best = {tolerance * tolerance};
        int[] hit = {-1};
        edgeGrid.query(px - tolerance, py - tolerance, px + tolerance, py + tolerance, e -> {
            double[] r = routes[e];
            for (int k = 0; k + 3 < r.length; k += 2) {
                double d = segmentDistanceSquared(px, py, r[k], r[k + 1], r[k + 2], r[k + 3]);
                if (d <= best[0]) {
                    best[0] = d;
                    hit[0] = e;
                }
            }
        });
        return hit[0];
    }

    private static double segmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
        double cx = ax + t * dx - px;
        double cy = ay + t * dy - py;
        return cx * cx + cy * cy;
    }
}
