package dev.onnxworkbench.app.insight;

/**
 * One node's row in the profile table and overlay.
 *
 * @param name     the node's name (how the trace and the graph both know it)
 * @param opType   its operator
 * @param provider the execution provider ONNX Runtime ran it on
 * @param calls    how many times it ran over the profiled runs
 * @param totalMs  time spent in it over those runs
 * @param meanMs   time per call
 * @param share    its part of all node time (0..1)
 * @param flops    floating-point operations per run from the actual shapes; negative when unknown
 */
record NodeTime(String name, String opType, String provider, long calls, double totalMs, double meanMs,
                double share, double flops) {}
