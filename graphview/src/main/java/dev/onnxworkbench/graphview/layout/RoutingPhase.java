package dev.onnxworkbench.graphview.layout;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.LayoutDirection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 3 of {@link LayeredLayout}: coordinates along the layers, edge ports and routes through the
 * dummies, and the immutable {@link DiagramLayout}.
 */
final class RoutingPhase extends OrderingPhase {
    RoutingPhase(Diagram diagram, LayoutDirection direction, BoxStyle style, java.util.Map<String, double[]> sizes) {
        super(diagram, direction, style, sizes);
    }

    DiagramLayout layout() {
        collectEdges();
        breakCycles();
        Cancellation.check();
        assignLayers();
        insertDummies();
        Cancellation.check();
        buildLayers();
        orderLayers();
        placeAcross();
        Cancellation.check();
        return assemble();
    }
    DiagramLayout assemble() {
        boolean topDown = direction == LayoutDirection.TOP_TO_BOTTOM;
        boolean labelled = diagram.edges().stream().anyMatch(e -> !e.label().isEmpty());
        double rankGap = labelled && topDown ? LayeredLayout.LABELLED_RANK_GAP : LayeredLayout.RANK_GAP * (topDown ? 1 : 1.4);
        double[] rankStart = new double[layers.length];
        double[] rankDepth = new double[layers.length];
        double cursor = 0;
        for (int l = 0; l < layers.length; l++) {
            double depth = 0;
            for (int v : layers[l]) {
                if (v < realCount) {
                    depth = Math.max(depth, topDown ? h[v] : w[v]);
                }
            }
            rankStart[l] = cursor;
            rankDepth[l] = depth;
            cursor += depth + rankGap;
        }
        double minOrder = Double.MAX_VALUE;
        for (int v = 0; v < nodeCount; v++) {
            minOrder = Math.min(minOrder, order[v] - breadth[v] / 2);
        }
        double shift = LayeredLayout.MARGIN - (nodeCount == 0 ? 0 : minOrder);
        double[] x = new double[realCount];
        double[] y = new double[realCount];
        for (int v = 0; v < realCount; v++) {
            double across = order[v] + shift - breadth[v] / 2;
            double along = LayeredLayout.MARGIN + rankStart[layer[v]] + (rankDepth[layer[v]] - (topDown ? h[v] : w[v])) / 2;
            x[v] = topDown ? across : along;
            y[v] = topDown ? along : across;
        }
        double[][] routes = route(x, y, shift, rankStart, rankDepth, topDown);
        int m = diagram.edges().size();
        int[] from = new int[m];
        int[] to = new int[m];
        Arrays.fill(from, -1);
        Arrays.fill(to, -1);
        for (int e = 0; e < edgeSource.length; e++) {
            from[edgeOriginal[e]] = edgeSource[e];
            to[edgeOriginal[e]] = edgeTarget[e];
        }
        return new DiagramLayout(diagram, direction, x, y, w, h, routes, from, to, index);
    }

    /**
     * Routes: leave the source at its far side, pass each dummy's position in the layer gaps, enter
     * the target at its near side. Edges sharing a value (one tensor, several consumers) leave from
     * one port; distinct values and distinct producers spread across the box side.
     */
    double[][] route(double[] x, double[] y, double shift, double[] rankStart, double[] rankDepth,
                             boolean topDown) {
        List<DiagramEdge> edges = diagram.edges();
        double[][] routes = new double[edges.size()][];
        double[] outPort = ports(x, y, topDown, true);
        double[] inPort = ports(x, y, topDown, false);
        for (int e = 0; e < edgeSource.length; e++) {
            int s = dagSource(e);
            int t = dagTarget(e);
            int k = chainLength[e];
            double[] r = new double[2 * (k + 2)];
            double sAcross = reversed[e] ? inPort[e] : outPort[e];
            double tAcross = reversed[e] ? outPort[e] : inPort[e];
            double sAlong = topDown ? y[s] + h[s] : x[s] + w[s];
            double tAlong = topDown ? y[t] : x[t];
            put(r, 0, sAcross, sAlong, topDown);
            for (int i = 0; i < k; i++) {
                int d = chainStart[e] + i;
                double along = LayeredLayout.MARGIN + rankStart[layer[d]] + rankDepth[layer[d]] / 2;
                put(r, i + 1, order[d] + shift, along, topDown);
            }
            put(r, k + 1, tAcross, tAlong, topDown);
            if (reversed[e]) {
                reverse(r);
            }
            routes[edgeOriginal[e]] = r;
        }
        return routes;
    }

    /** Port position (across the layers) of each layout edge at its source (out) or target side. */
    double[] ports(double[] x, double[] y, boolean topDown, boolean out) {
        int m = edgeSource.length;
        double[] port = new double[m];
        List<List<Integer>> byNode = new ArrayList<>(realCount);
        for (int v = 0; v < realCount; v++) {
            byNode.add(null);
        }
        for (int e = 0; e < m; e++) {
            int v = out ? dagSource(e) : dagTarget(e);
            List<Integer> list = byNode.get(v);
            if (list == null) {
                byNode.set(v, list = new ArrayList<>(2));
            }
            list.add(e);
        }
        List<DiagramEdge> edges = diagram.edges();
        for (int v = 0; v < realCount; v++) {
            List<Integer> list = byNode.get(v);
            if (list == null) {
                continue;
            }
            double lo = topDown ? x[v] : y[v];
            double size = topDown ? w[v] : h[v];
            double center = lo + size / 2;
            if (list.size() == 1) { // most boxes of a long chain: one port in the middle, nothing to sort
                port[list.getFirst()] = center;
                continue;
            }
            // Neighbour side position decides the order, so routes do not cross at the box.
            list.sort((a, b) -> Double.compare(neighbourOrder(a, out), neighbourOrder(b, out)));
            int[] slots = new int[list.size()];
            int g;
            if (out) {
                Map<String, Integer> groups = new HashMap<>();
                for (int i = 0; i < slots.length; i++) {
                    Integer slot = groups.putIfAbsent(portKey(edges, list.get(i), true), groups.size());
                    slots[i] = slot == null ? groups.size() - 1 : slot;
                }
                g = groups.size();
            } else {
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = i; // every in-edge has a port of its own
                }
                g = slots.length;
            }
            double spacing = g <= 1 ? 0 : Math.min(14, size * 0.7 / (g - 1));
            for (int i = 0; i < slots.length; i++) {
                port[list.get(i)] = center + (slots[i] - (g - 1) / 2.0) * spacing;
            }
        }
        return port;
    }

    /** Out-edges carrying the same value share a port; every in-edge gets its own. */
    String portKey(List<DiagramEdge> edges, int e, boolean out) {
        String value = out ? edges.get(edgeOriginal[e]).value() : "";
        return value.isEmpty() ? "#" + e : value;
    }

    double neighbourOrder(int e, boolean out) {
        int first = chainLength[e] > 0 ? (out ? chainStart[e] : chainStart[e] + chainLength[e] - 1)
                : (out ? dagTarget(e) : dagSource(e));
        return order[first];
    }

    static void put(double[] r, int i, double across, double along, boolean topDown) {
        r[2 * i] = topDown ? across : along;
        r[2 * i + 1] = topDown ? along : across;
    }

    static void reverse(double[] r) {
        for (int i = 0, j = r.length - 2; i < j; i += 2, j -= 2) {
            double tx = r[i];
            double ty = r[i + 1];
            r[i] = r[j];
            r[i + 1] = r[j + 1];
            r[j] = tx;
            r[j + 1] = ty;
        }
    }

}
