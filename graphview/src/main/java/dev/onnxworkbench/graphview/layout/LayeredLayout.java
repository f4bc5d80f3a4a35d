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
 * A layered (Sugiyama-style) layout in near-linear time, so that 100,000 nodes lay out in a second or
 * two where general-purpose engines take minutes: depth-first cycle breaking, longest-path layering
 * with sources pulled next to their first consumer, a dummy node per layer crossed by a long edge,
 * depth-first initial order refined by barycenter sweeps, and least-squares coordinates per layer
 * (isotonic regression under the minimum-separation constraint) that keep chains straight.
 *
 * <p>Works in abstract axes: "rank" runs along the layers (down, or right), "order" across them.
 * Pure computation on arrays; safe to run on any thread.
 */
public final class LayeredLayout {
    static final double MARGIN = 24;
    private static final double NODE_GAP = 22;
    private static final double DUMMY_GAP = 10;
    private static final double RANK_GAP = 34;
    private static final double LABELLED_RANK_GAP = 44;
    private static final int ORDER_SWEEPS = 4;
    private static final int PLACEMENT_SWEEPS = 6;

    private LayeredLayout() {}

    /** Lays out the diagram with the standard box style (the JavaFX toolkit must be running). */
    public static DiagramLayout compute(Diagram diagram, LayoutDirection direction) {
        return compute(diagram, direction, BoxStyle.standard());
    }

    public static DiagramLayout compute(Diagram diagram, LayoutDirection direction, BoxStyle style) {
        return new Run(diagram, direction, style).layout();
    }

    /** One layout computation; fields are the working arrays, indexed by node (real then dummy). */
    private static final class Run {
        private final Diagram diagram;
        private final LayoutDirection direction;
        private final int realCount;
        private final double[] w;
        private final double[] h;
        private final Map<String, Integer> index;

        // Edges that take part in the layout (valid ends, not self loops).
        private int[] edgeSource;
        private int[] edgeTarget;
        private boolean[] reversed;
        private int[] edgeOriginal;

        private int[] layer;
        private int nodeCount;
        private double[] breadth;
        private int[] chainStart;
        private int[] chainLength;
        private int[] segFrom;
        private int[] segTo;
        private int segCount;
        private int[][] preds;
        private int[][] succs;
        private int[][] layers;
        private int[] pos;
        private double[] order;

        Run(Diagram diagram, LayoutDirection direction, BoxStyle style) {
            this.diagram = diagram;
            this.direction = direction;
            List<DiagramNode> nodes = diagram.nodes();
            this.realCount = nodes.size();
            this.w = new double[realCount];
            this.h = new double[realCount];
            this.index = new HashMap<>(realCount * 2);
            for (int i = 0; i < realCount; i++) {
                DiagramNode n = nodes.get(i);
                index.put(n.id(), i);
                w[i] = style.width(n);
                h[i] = style.height(n);
            }
        }

        DiagramLayout layout() {
            collectEdges();
            breakCycles();
            assignLayers();
            insertDummies();
            buildLayers();
            orderLayers();
            placeAcross();
            return assemble();
        }

        private void collectEdges() {
            List<DiagramEdge> edges = diagram.edges();
            int m = edges.size();
            edgeSource = new int[m];
            edgeTarget = new int[m];
            edgeOriginal = new int[m];
            int k = 0;
            for (int e = 0; e < m; e++) {
                Integer s = index.get(edges.get(e).from());
                Integer t = index.get(edges.get(e).to());
                if (s == null || t == null || s.equals(t)) {
                    continue;
                }
                edgeSource[k] = s;
                edgeTarget[k] = t;
                edgeOriginal[k] = e;
                k++;
            }
            edgeSource = Arrays.copyOf(edgeSource, k);
            edgeTarget = Arrays.copyOf(edgeTarget, k);
            edgeOriginal = Arrays.copyOf(edgeOriginal, k);
            reversed = new boolean[k];
        }

        /** Iterative depth-first search; edges into a node still on the stack are reversed. */
        private void breakCycles() {
            int[][] out = adjacency(realCount, edgeSource, null, true);
            byte[] state = new byte[realCount]; // 0 new, 1 on stack, 2 done
            int[] stack = new int[realCount];
            int[] cursor = new int[realCount];
            for (int root = 0; root < realCount; root++) {
                if (state[root] != 0) {
                    continue;
                }
                int top = 0;
                stack[0] = root;
                state[root] = 1;
                while (top >= 0) {
                    int v = stack[top];
                    if (cursor[v] < out[v].length) {
                        int e = out[v][cursor[v]++];
                        int t = edgeTarget[e];
                        if (state[t] == 1) {
                            reversed[e] = true;
                        } else if (state[t] == 0) {
                            state[t] = 1;
                            stack[++top] = t;
                        }
                    } else {
                        state[v] = 2;
                        top--;
                    }
                }
            }
        }

        private int dagSource(int e) {
            return reversed[e] ? edgeTarget[e] : edgeSource[e];
        }

        private int dagTarget(int e) {
            return reversed[e] ? edgeSource[e] : edgeTarget[e];
        }

        /** Longest path from the sources, then sources moved down next to their nearest consumer. */
        private void assignLayers() {
            int m = edgeSource.length;
            int[] dagFrom = new int[m];
            int[] dagTo = new int[m];
            for (int e = 0; e < m; e++) {
                dagFrom[e] = dagSource(e);
                dagTo[e] = dagTarget(e);
            }
            int[][] out = adjacency(realCount, dagFrom, null, true);
            int[] indegree = new int[realCount];
            for (int e = 0; e < m; e++) {
                indegree[dagTo[e]]++;
            }
            layer = new int[realCount];
            int[] queue = new int[realCount];
            int head = 0;
            int tail = 0;
            for (int v = 0; v < realCount; v++) {
                if (indegree[v] == 0) {
                    queue[tail++] = v;
                }
            }
            int[] remaining = indegree.clone();
            while (head < tail) {
                int v = queue[head++];
                for (int e : out[v]) {
                    int t = dagTo[e];
                    layer[t] = Math.max(layer[t], layer[v] + 1);
                    if (--remaining[t] == 0) {
                        queue[tail++] = t;
                    }
                }
            }
            for (int v = 0; v < realCount; v++) {
                if (indegree[v] == 0 && out[v].length > 0) {
                    int nearest = Integer.MAX_VALUE;
                    for (int e : out[v]) {
                        nearest = Math.min(nearest, layer[dagTo[e]]);
                    }
                    layer[v] = Math.max(layer[v], nearest - 1);
                }
            }
        }

        /** Splits every edge that spans several layers into one segment per layer with dummy nodes. */
        private void insertDummies() {
            int m = edgeSource.length;
            long dummies = 0;
            for (int e = 0; e < m; e++) {
                dummies += Math.max(0, layer[dagTarget(e)] - layer[dagSource(e)] - 1);
            }
            nodeCount = Math.toIntExact(realCount + dummies);
            int[] fullLayer = Arrays.copyOf(layer, nodeCount);
            breadth = new double[nodeCount];
            for (int i = 0; i < realCount; i++) {
                breadth[i] = direction == LayoutDirection.TOP_TO_BOTTOM ? w[i] : h[i];
            }
            chainStart = new int[m];
            chainLength = new int[m];
            segFrom = new int[Math.toIntExact(m + dummies)];
            segTo = new int[segFrom.length];
            int next = realCount;
            for (int e = 0; e < m; e++) {
                int s = dagSource(e);
                int t = dagTarget(e);
                int span = layer[t] - layer[s];
                chainStart[e] = next;
                chainLength[e] = span - 1;
                int prev = s;
                for (int k = 1; k < span; k++) {
                    fullLayer[next] = layer[s] + k;
                    addSegment(prev, next);
                    prev = next++;
                }
                addSegment(prev, t);
            }
            layer = fullLayer;
            preds = adjacency(nodeCount, segTo, segFrom, false);
            succs = adjacency(nodeCount, segFrom, segTo, false);
        }

        private void addSegment(int from, int to) {
            segFrom[segCount] = from;
            segTo[segCount] = to;
            segCount++;
        }

        private void buildLayers() {
            int layerCount = 0;
            for (int v = 0; v < nodeCount; v++) {
                layerCount = Math.max(layerCount, layer[v] + 1);
            }
            int[] size = new int[layerCount];
            for (int v = 0; v < nodeCount; v++) {
                size[layer[v]]++;
            }
            layers = new int[layerCount][];
            for (int l = 0; l < layerCount; l++) {
                layers[l] = new int[size[l]];
            }
            // Initial order: depth-first from the real nodes in diagram order, so related nodes start close.
            int[] fill = new int[layerCount];
            boolean[] seen = new boolean[nodeCount];
            int[] stack = new int[nodeCount];
            int[] cursor = new int[nodeCount];
            for (int root = 0; root < realCount; root++) {
                if (seen[root] || preds[root].length > 0) {
                    continue;
                }
                int top = 0;
                stack[0] = root;
                seen[root] = true;
                layers[layer[root]][fill[layer[root]]++] = root;
                while (top >= 0) {
                    int v = stack[top];
                    if (cursor[v] < succs[v].length) {
                        int t = succs[v][cursor[v]++];
                        if (!seen[t]) {
                            seen[t] = true;
                            layers[layer[t]][fill[layer[t]]++] = t;
                            stack[++top] = t;
                        }
                    } else {
                        top--;
                    }
                }
            }
            for (int v = 0; v < nodeCount; v++) {
                if (!seen[v]) {
                    layers[layer[v]][fill[layer[v]]++] = v;
                }
            }
            pos = new int[nodeCount];
            for (int[] l : layers) {
                for (int i = 0; i < l.length; i++) {
                    pos[l[i]] = i;
                }
            }
        }

        /** Barycenter sweeps: each node moves to the mean position of its neighbours in the previous layer. */
        private void orderLayers() {
            double[] key = new double[nodeCount];
            sweeps(ORDER_SWEEPS, (nodes, neighbours) -> {
                for (int v : nodes) {
                    int[] nb = neighbours[v];
                    if (nb.length == 0) {
                        key[v] = pos[v];
                    } else {
                        double sum = 0;
                        for (int u : nb) {
                            sum += pos[u];
                        }
                        key[v] = sum / nb.length;
                    }
                }
                sortByKey(nodes, key);
                for (int i = 0; i < nodes.length; i++) {
                    pos[nodes[i]] = i;
                }
            });
        }

        /** One step of a sweep: a layer, and for each node its neighbours in the layer handled just before. */
        private interface LayerStep {
            void apply(int[] nodes, int[][] neighbours);
        }

        /** Alternating sweeps over the layers: down (neighbours = predecessors), then up (successors), … */
        private void sweeps(int count, LayerStep step) {
            for (int sweep = 0; sweep < count; sweep++) {
                boolean down = sweep % 2 == 0;
                for (int i = 0; i < layers.length; i++) {
                    step.apply(layers[down ? i : layers.length - 1 - i], down ? preds : succs);
                }
            }
        }

        private void sortByKey(int[] nodes, double[] key) {
            Integer[] boxed = new Integer[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                boxed[i] = nodes[i];
            }
            Arrays.sort(boxed, (a, b) -> {
                int c = Double.compare(key[a], key[b]);
                return c != 0 ? c : Integer.compare(pos[a], pos[b]);
            });
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = boxed[i];
            }
        }

        /** Least-squares placement across the layers, alternating down and up sweeps. */
        private void placeAcross() {
            order = new double[nodeCount];
            for (int[] l : layers) {
                double cursor = 0;
                for (int i = 0; i < l.length; i++) {
                    if (i > 0) {
                        cursor += separation(l[i - 1], l[i]);
                    }
                    order[l[i]] = cursor;
                }
            }
            double[] desired = new double[nodeCount];
            sweeps(PLACEMENT_SWEEPS, (nodes, neighbours) -> {
                for (int v : nodes) {
                    int[] nb = neighbours[v];
                    desired[v] = nb.length == 0 ? order[v] : median(nb);
                }
                isotonicPlace(nodes, desired);
            });
        }

        private double median(int[] neighbours) {
            if (neighbours.length == 1) {
                return order[neighbours[0]];
            }
            double[] values = new double[neighbours.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = order[neighbours[i]];
            }
            Arrays.sort(values);
            int mid = values.length / 2;
            return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }

        private double separation(int a, int b) {
            boolean dummy = a >= realCount || b >= realCount;
            return (breadth[a] + breadth[b]) / 2 + (dummy ? DUMMY_GAP : NODE_GAP);
        }

        /**
         * Places one layer's nodes as close as possible (least squares) to their desired positions while
         * keeping their order and minimum separations: with offsets S_i, y_i = x_i - S_i must be
         * non-decreasing, which pool-adjacent-violators solves exactly in linear time.
         */
        private void isotonicPlace(int[] nodes, double[] desired) {
            int n = nodes.length;
            if (n == 0) {
                return;
            }
            double[] offset = new double[n];
            for (int i = 1; i < n; i++) {
                offset[i] = offset[i - 1] + separation(nodes[i - 1], nodes[i]);
            }
            double[] blockValue = new double[n];
            int[] blockSize = new int[n];
            int blocks = 0;
            for (int i = 0; i < n; i++) {
                blockValue[blocks] = desired[nodes[i]] - offset[i];
                blockSize[blocks] = 1;
                blocks++;
                while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
                    int merged = blockSize[blocks - 2] + blockSize[blocks - 1];
                    blockValue[blocks - 2] = (blockValue[blocks - 2] * blockSize[blocks - 2]
                            + blockValue[blocks - 1] * blockSize[blocks - 1]) / merged;
                    blockSize[blocks - 2] = merged;
                    blocks--;
                }
            }
            int i = 0;
            for (int b = 0; b < blocks; b++) {
                for (int k = 0; k < blockSize[b]; k++, i++) {
                    order[nodes[i]] = blockValue[b] + offset[i];
                }
            }
        }

        private DiagramLayout assemble() {
            boolean topDown = direction == LayoutDirection.TOP_TO_BOTTOM;
            boolean labelled = diagram.edges().stream().anyMatch(e -> !e.label().isEmpty());
            double rankGap = labelled && topDown ? LABELLED_RANK_GAP : RANK_GAP * (topDown ? 1 : 1.4);
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
            double shift = MARGIN - (nodeCount == 0 ? 0 : minOrder);
            double[] x = new double[realCount];
            double[] y = new double[realCount];
            for (int v = 0; v < realCount; v++) {
                double across = order[v] + shift - breadth[v] / 2;
                double along = MARGIN + rankStart[layer[v]] + (rankDepth[layer[v]] - (topDown ? h[v] : w[v])) / 2;
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
        private double[][] route(double[] x, double[] y, double shift, double[] rankStart, double[] rankDepth,
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
                    double along = MARGIN + rankStart[layer[d]] + rankDepth[layer[d]] / 2;
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
        private double[] ports(double[] x, double[] y, boolean topDown, boolean out) {
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
                // Neighbour side position decides the order, so routes do not cross at the box.
                list.sort((a, b) -> Double.compare(neighbourOrder(a, out), neighbourOrder(b, out)));
                Map<String, Integer> groups = new HashMap<>();
                for (int e : list) {
                    groups.putIfAbsent(portKey(edges, e, out), groups.size());
                }
                int g = groups.size();
                double spacing = g <= 1 ? 0 : Math.min(14, size * 0.7 / (g - 1));
                for (int e : list) {
                    int slot = groups.get(portKey(edges, e, out));
                    port[e] = center + (slot - (g - 1) / 2.0) * spacing;
                }
            }
            return port;
        }

        /** Out-edges carrying the same value share a port; every in-edge gets its own. */
        private String portKey(List<DiagramEdge> edges, int e, boolean out) {
            String value = out ? edges.get(edgeOriginal[e]).value() : "";
            return value.isEmpty() ? "#" + e : value;
        }

        private double neighbourOrder(int e, boolean out) {
            int first = chainLength[e] > 0 ? (out ? chainStart[e] : chainStart[e] + chainLength[e] - 1)
                    : (out ? dagTarget(e) : dagSource(e));
            return order[first];
        }

        private static void put(double[] r, int i, double across, double along, boolean topDown) {
            r[2 * i] = topDown ? across : along;
            r[2 * i + 1] = topDown ? along : across;
        }

        private static void reverse(double[] r) {
            for (int i = 0, j = r.length - 2; i < j; i += 2, j -= 2) {
                double tx = r[i];
                double ty = r[i + 1];
                r[i] = r[j];
                r[i + 1] = r[j + 1];
                r[j] = tx;
                r[j + 1] = ty;
            }
        }

        /**
         * Compressed adjacency: for each node, the indices of entries whose {@code key} is that node;
         * with {@code values} given, the lists hold values[entry] instead of entry indices.
         */
        private static int[][] adjacency(int n, int[] key, int[] values, boolean entryIndices) {
            int[] count = new int[n];
            for (int k : key) {
                count[k]++;
            }
            int[][] result = new int[n][];
            for (int v = 0; v < n; v++) {
                result[v] = new int[count[v]];
            }
            int[] fill = new int[n];
            for (int i = 0; i < key.length; i++) {
                int v = key[i];
                result[v][fill[v]++] = entryIndices || values == null ? i : values[i];
            }
            return result;
        }
    }
}
