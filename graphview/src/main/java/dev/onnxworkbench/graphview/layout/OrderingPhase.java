package dev.onnxworkbench.graphview.layout;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.LayoutDirection;
import java.util.Arrays;

/**
 * Phase 2 of {@link LayeredLayout}: barycenter sweeps for the order within layers, then least-squares
 * coordinates across the layers (isotonic regression under the minimum separation).
 */
abstract class OrderingPhase extends LayeringPhase {
    OrderingPhase(Diagram diagram, LayoutDirection direction, BoxStyle style, java.util.Map<String, double[]> sizes) {
        super(diagram, direction, style, sizes);
    }

    /** Barycenter sweeps: each node moves to the mean position of its neighbours in the previous layer. */
    void orderLayers() {
        double[] key = new double[nodeCount];
        sweeps(LayeredLayout.ORDER_SWEEPS, (nodes, neighbours) -> {
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
    interface LayerStep {
        void apply(int[] nodes, int[][] neighbours);
    }

    /** Alternating sweeps over the layers: down (neighbours = predecessors), then up (successors), … */
    void sweeps(int count, LayerStep step) {
        for (int sweep = 0; sweep < count; sweep++) {
            Cancellation.check();
            boolean down = sweep % 2 == 0;
            for (int i = 0; i < layers.length; i++) {
                step.apply(layers[down ? i : layers.length - 1 - i], down ? preds : succs);
            }
        }
    }

    void sortByKey(int[] nodes, double[] key) {
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
    void placeAcross() {
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
        sweeps(LayeredLayout.PLACEMENT_SWEEPS, (nodes, neighbours) -> {
            for (int v : nodes) {
                int[] nb = neighbours[v];
                desired[v] = nb.length == 0 ? order[v] : median(nb);
            }
            isotonicPlace(nodes, desired);
        });
    }

    double median(int[] neighbours) {
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

    double separation(int a, int b) {
        boolean dummy = a >= realCount || b >= realCount;
        return (breadth[a] + breadth[b]) / 2 + (dummy ? LayeredLayout.DUMMY_GAP : LayeredLayout.NODE_GAP);
    }

    /**
     * Places one layer's nodes as close as possible (least squares) to their desired positions while
     * keeping their order and minimum separations: with offsets S_i, y_i = x_i - S_i must be
     * non-decreasing, which pool-adjacent-violators solves exactly in linear time.
     */
    void isotonicPlace(int[] nodes, double[] desired) {
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

}
