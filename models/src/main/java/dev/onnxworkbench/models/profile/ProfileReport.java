package dev.onnxworkbench.models.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime's profile of N runs after warm-up, aggregated.
 *
 * @param totalMs   wall time of the profiled runs (ORT's model_run events), summed
 * @param runs      profiled runs
 * @param nodes     per node, slowest first
 * @param opTypes   per operator type, slowest first
 * @param providers node time per provider (CPU, CUDA, …)
 * @param trace     the raw Chrome trace (opens in Perfetto / chrome://tracing), or null once deleted
 */
public record ProfileReport(double totalMs, int runs, List<NodeProfile> nodes, List<OpTypeProfile> opTypes,
                            Map<String, Double> providers, Path trace) {
    public ProfileReport {
        nodes = List.copyOf(nodes);
        opTypes = List.copyOf(opTypes);
        providers = Map.copyOf(providers);
    }
}
