package dev.onnxworkbench.models.profile;

/**
 * One node's time over the profiled runs.
 *
 * @param name     node name as ONNX Runtime reports it (fused nodes carry ORT's name)
 * @param opType   operator ORT ran (FusedConv, …)
 * @param provider CPU, CUDA, TensorRT, …
 * @param calls    kernel invocations over the profiled runs (a Loop body node: iterations × runs)
 * @param totalMs  time over all profiled runs; for If/Loop/Scan only their own time, their body nodes
 *                 are listed separately
 * @param meanMs   totalMs / calls
 * @param share    totalMs as a fraction of all nodes' time (sums to 1)
 * @param flops    FLOPs of one call at the shapes in the trace, or -1 when unknown
 */
public record NodeProfile(String name, String opType, String provider, long calls, double totalMs, double meanMs,
                          double share, long flops) {
}
