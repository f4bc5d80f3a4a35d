package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How far a model downsamples an input: the product of the strides of the convolutions and poolings on the
 * deepest path from the input. A detector such as PaddleOCR's (five stride-2 stages, then an FPN that adds
 * the stages back together) only runs on sides that are multiples of it (32), so a picture keeping its own
 * size is rounded to a multiple of this stride.
 */
public final class ModelStride {
    private static final Set<String> STRIDED = Set.of("Conv", "ConvInteger", "QLinearConv", "MaxPool", "AveragePool",
            "LpPool");

    private ModelStride() {}

    /** The input's stride, 1 when nothing on its paths is strided. Reads the top-level graph only. */
    public static int of(Graph graph, String input) {
        Map<String, Long> strides = new HashMap<>();
        strides.put(input, 1L);
        long best = 1;
        for (Node node : graph.nodes()) {
            long s = 0;
            for (String in : node.inputs()) {
                s = Math.max(s, strides.getOrDefault(in, 0L));
            }
            if (s == 0) {
                continue;
            }
            if (STRIDED.contains(node.opType()) && node.attribute("strides").isPresent()
                    && node.attribute("strides").get().value() instanceof AttributeValue.Ints ints) {
                long most = ints.values().stream().mapToLong(Long::longValue).max().orElse(1);
                s = Math.min(s * Math.max(1, most), 1 << 12);
            }
            best = Math.max(best, s);
            for (String out : node.outputs()) {
                strides.put(out, s);
            }
        }
        return (int) best;
    }

    /** {@code size} rounded to the nearest multiple of {@code stride}, at least one stride (PaddleOCR's rule). */
    public static int round(int size, int stride) {
        if (stride <= 1) {
            return size;
        }
        return Math.max(stride, (int) Math.round(size / (double) stride) * stride);
    }
}
