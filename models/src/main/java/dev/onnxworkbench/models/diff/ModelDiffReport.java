package dev.onnxworkbench.models.diff;

import java.util.List;
import java.util.Map;

/**
 * What changed from model A to model B: model-level properties, nodes (added, removed, changed) and weights.
 * Node indices are positions in each model's top-level {@code graph().nodes()}, so a view can find the boxes.
 *
 * @param modelChanges properties of the model and its signature that differ
 * @param nodes        added, removed and changed nodes (unchanged ones are only in {@code matches})
 * @param weights      initializers and Constant-node tensors that differ, were added or removed
 * @param matches      every node of A paired with its counterpart in B (changed or not)
 * @param tensorsAtoB  value names of A mapped onto B's names for the same value (renames resolved)
 */
public record ModelDiffReport(
        String a,
        String b,
        List<PropertyChange> modelChanges,
        List<NodeChange> nodes,
        List<WeightChange> weights,
        List<NodePair> matches,
        Map<String, String> tensorsAtoB) {

    public ModelDiffReport {
        modelChanges = List.copyOf(modelChanges);
        nodes = List.copyOf(nodes);
        weights = List.copyOf(weights);
        matches = List.copyOf(matches);
        tensorsAtoB = Map.copyOf(tensorsAtoB);
    }

    public enum Status {
        ADDED, REMOVED, CHANGED;

        /** The JSON spelling: "added", "removed", "changed". */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One property that differs. {@code group} is irVersion, producerName, producerVersion, domain, modelVersion,
     * docString, opsets, metadata, inputs or outputs; {@code key} names the opset domain, metadata key or value
     * (null for the plain properties); {@code a}/{@code b} are null when absent on that side.
     */
    public record PropertyChange(String group, String key, String a, String b) {}

    /** A node of A and its counterpart in B, by index in each top-level graph. */
    public record NodePair(int indexA, int indexB) {}

    /**
     * An added, removed or changed node. {@code indexA}/{@code nameA} are -1/null for an added node,
     * {@code indexB}/{@code nameB} for a removed one; {@code opType} is B's when present, else A's.
     * {@code outputA}/{@code outputB} name the node's first output, for nodes without a name.
     */
    public record NodeChange(Status status, int indexA, String nameA, String outputA, int indexB, String nameB,
                             String outputB, String opType, List<String> changes) {
        public NodeChange {
            changes = List.copyOf(changes);
        }
    }

    /**
     * A weight that differs. {@code maxAbsDiff} is the largest |a − b| over the elements when both sides hold the
     * same number of numeric elements (NaN otherwise, and for added or removed weights); {@code differing} counts the
     * elements that are not equal. {@code source} is "initializer" or "Constant" (the tensor of a Constant node,
     * named by its output). Shapes are null on the side where the weight is absent.
     */
    public record WeightChange(Status status, String name, String nameB, String source, String typeA, String typeB,
                               List<Long> shapeA, List<Long> shapeB, double maxAbsDiff, long differing) {}

    public long count(Status status) {
        return nodes.stream().filter(n -> n.status() == status).count();
    }

    /** Weights whose values, type or shape changed (added and removed ones not counted). */
    public long weightsChanged() {
        return weights.stream().filter(w -> w.status() == Status.CHANGED).count();
    }

    /** True when nothing at all differs. */
    public boolean identical() {
        return modelChanges.isEmpty() && nodes.isEmpty() && weights.isEmpty();
    }

    /** The counterpart in B of A's node at {@code indexA}, or -1. */
    public int matchOfA(int indexA) {
        return matches.stream().filter(p -> p.indexA() == indexA).mapToInt(NodePair::indexB).findFirst().orElse(-1);
    }

    /** The counterpart in A of B's node at {@code indexB}, or -1. */
    public int matchOfB(int indexB) {
        return matches.stream().filter(p -> p.indexB() == indexB).mapToInt(NodePair::indexA).findFirst().orElse(-1);
    }

    /** "3 added, 1 removed, 2 changed nodes; 4 weights changed". */
    public String summaryText() {
        return count(Status.ADDED) + " added, " + count(Status.REMOVED) + " removed, " + count(Status.CHANGED)
                + " changed nodes; " + weightsChanged() + " weights changed"
                + (modelChanges.isEmpty() ? "" : "; " + modelChanges.size() + " model properties differ");
    }
}
