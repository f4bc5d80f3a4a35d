package dev.onnxworkbench.models.profile;

/** Time of all nodes of one operator type over the profiled runs; share as a fraction of all nodes' time. */
public record OpTypeProfile(String opType, long calls, double totalMs, double share) {
}
