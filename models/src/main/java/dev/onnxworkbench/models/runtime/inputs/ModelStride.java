package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far a model downsamples an image input, per axis: the product of the strides of the convolutions and
 * poolings on the deepest path from the input. A detector such as PaddleOCR's (five stride-2 stages, then an FPN
 * that adds the stages back together) only runs on sides that are multiples of it (32 × 32), so a picture keeping
 * its own size is rounded to a multiple of this stride. Recognisers that pool only the height (strides 2×1) keep
 * a small width stride.
 */
public record ModelStride(int height, int width) {
    public static final ModelStride NONE = new ModelStride(1, 1);
    private static final Set<String> STRIDED = Set.of("Conv", "ConvInteger", "QLinearConv", "MaxPool", "AveragePool",
            "LpPool");
    private static final long CAP = 1 << 12;

    /** The input's stride, 1 × 1 when nothing on its paths is strided. Reads the top-level graph only. */
    public static ModelStride of(Graph graph, String input) {
        Map<String, long[]> strides = new HashMap<>();
        strides.put(input, new long[] {1, 1});
        long[] best = {1, 1};
        for (Node node : graph.nodes()) {
            long[] s = null;
            for (String in : node.inputs()) {
                long[] v = strides.get(in);
                if (v != null) {
                    s = s == null ? v.clone() : new long[] {Math.max(s[0], v[0]), Math.max(s[1], v[1])};
                }
            }
            if (s == null) {
                continue;
            }
            if (STRIDED.contains(node.opType()) && node.attribute("strides").isPresent()
                    && node.attribute("strides").get().value() instanceof AttributeValue.Ints ints
                    && !ints.values().isEmpty()) {
                List<Long> v = ints.values();
                long sh = v.size() == 2 ? v.get(0) : v.stream().mapToLong(Long::longValue).max().orElse(1);
                long sw = v.size() == 2 ? v.get(1) : sh;
                s = new long[] {Math.min(CAP, s[0] * Math.max(1, sh)), Math.min(CAP, s[1] * Math.max(1, sw))};
            }
            best = new long[] {Math.max(best[0], s[0]), Math.max(best[1], s[1])};
            for (String out : node.outputs()) {
                strides.put(out, s);
            }
        }
        return new ModelStride((int) best[0], (int) best[1]);
    }

    /** {@code size} rounded to the nearest multiple of {@code stride}, at least one stride (PaddleOCR's rule). */
    public static int round(int size, int stride) {
        if (stride <= 1) {
            return size;
        }
        return Math.max(stride, (int) Math.round(size / (double) stride) * stride);
    }

    /** "32" or "32×8" (height × width). */
    @Override
    public String toString() {
        return height == width ? Integer.toString(height) : height + "×" + width;
    }
}
