package dev.onnxworkbench.models.flops;

/**
 * What one node costs at actual shapes.
 *
 * @param flops            floating-point operations (a multiply-add counts 2); -1 when the operator is not modelled
 * @param parameters       elements of the node's weight inputs (initializers, Constant outputs)
 * @param activationBytes  bytes of the node's outputs
 */
public record NodeCost(long flops, long parameters, long activationBytes) {
    public static final NodeCost UNKNOWN = new NodeCost(-1, 0, 0);

    public boolean flopsKnown() {
        return flops >= 0;
    }
}
