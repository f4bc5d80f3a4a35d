package dev.onnxworkbench.models.diverge;

/**
 * One shared tensor and how far run A is from run B on it.
 *
 * @param name      the tensor's name in model A
 * @param nameB     its name in model B (the same unless the models differ)
 * @param node      the node of A that produces it (its name, or its first output when unnamed)
 * @param nodeIndex that node's index in A's top-level graph, for views
 * @param opType    that node's operator
 * @param shape     run A's shape of the value (empty when not a tensor)
 */
public record TensorDivergence(String name, String nameB, String node, int nodeIndex, String opType, long[] shape,
                               TensorError error) {
    public boolean pass() {
        return error.pass();
    }
}
