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
 * Phase 1 of {@link LayeredLayout}: the working arrays, then edges, cycle breaking (depth-first),
 * longest-path layering with sources pulled next to their first consumer, a dummy node per layer
 * crossed by a long edge, and the depth-first initial order within each layer.
 */
abstract class LayeringPhase {
    final Diagram diagram;
    final LayoutDirection direction;
    final int realCount;
    final double[] w;
    final double[] h;
    final Map<String, Integer> index;

    // Edges that take part in the layout (valid ends, not self loops).
    int[] edgeSource;
    int[] edgeTarget;
    boolean[] reversed;
    int[] edgeOriginal;

    int[] layer;
    int nodeCount;
    double[] breadth;
    int[] chainStart;
    int[] chainLength;
    int[] segFrom;
    int[] segTo;
    int segCount;
    int[][] preds;
    int[][] succs;
    int[][] layers;
    int[] pos;
    double[] order;

    LayeringPhase(Diagram diagram, LayoutDirection direction, BoxStyle style, Map<String, double[]> sizes) {
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
            double[] size = sizes.get(n.id());
            w[i] = size != null ? size[0] : style.width(n);
            h[i] = size != null ? size[1] : style.height(n);
        }
    }


    void collectEdges() {
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
    void breakCycles() {
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

    int dagSource(int e) {
        return reversed[e] ? edgeTarget[e] : edgeSource[e];
    }

    int dagTarget(int e) {
        return reversed[e] ? edgeSource[e] : edgeTarget[e];
    }

    /** Longest path from the sources, then sources moved down next to their nearest consumer. */
    void assignLayers() {
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
    void insertDummies() {
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

    void addSegment(int from, int to) {
        segFrom[segCount] = from;
        segTo[segCount] = to;
        segCount++;
    }

    void buildLayers() {
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

    /**
     * Compressed adjacency: for each node, the indices of entries whose {@code key} is that node;
     * with {@code values} given, the lists hold values[entry] instead of entry indices.
     */
    static int[][] adjacency(int n, int[] key, int[] values, boolean entryIndices) {
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
