package dev.onnxworkbench.models.inspect;

import dev.onnxworkbench.models.flops.ModelCosts;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import java.util.List;
import java.util.Optional;

/**
 * The result of an inspected run: one report per inspected tensor, in topological order.
 *
 * @param tensors     reports, ordered by producing node
 * @param runs        how many runs the inspection took (one per batch of tensors)
 * @param totalMillis wall time of the inspection (session creation, runs, statistics)
 * @param paging      how the runs were paged to keep activations within the budget
 */
public record Inspection(List<TensorReport> tensors, int runs, double totalMillis,
                         dev.onnxworkbench.models.memory.Paging paging) {
    public Inspection {
        tensors = List.copyOf(tensors);
    }

    /** The earliest tensor (topological order) holding a NaN or an infinity. */
    public Optional<TensorReport> firstNonFinite() {
        return tensors.stream().filter(TensorReport::hasNonFinite).findFirst();
    }

    /** Actual shapes by tensor name (tensors only), e.g. for {@code ModelCosts.of(graph, shapes, ...)}. */
    public java.util.Map<String, long[]> shapes() {
        java.util.Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
        for (TensorReport t : tensors) {
            if (t.shape() != null) {
                shapes.put(t.name(), t.shape());
            }
        }
        return shapes;
    }

    /**
     * FLOPs, parameters and activation memory of every top-level node at the shapes this run produced: the one
     * cost computation for an inspection ({@code run --inspect --json}'s {@code costs}, the Inside-a-run view).
     * An element takes its type's bits rounded up to whole bytes, at least one (bool 1, int4 1, float16 2);
     * strings count as {@code ModelCosts}' default.
     *
     * @param inputShapes the shapes the model's inputs ran with
     */
    public ModelCosts costs(Graph graph, java.util.Map<String, long[]> inputShapes) {
        java.util.Map<String, long[]> all = new java.util.HashMap<>(inputShapes);
        all.putAll(shapes());
        java.util.Map<String, Integer> bytes = new java.util.HashMap<>();
        for (TensorReport t : tensors) {
            for (ElementType e : ElementType.values()) {
                if (e.displayName().equals(t.type()) && e.bits() > 0) {
                    bytes.put(t.name(), Math.max(1, (e.bits() + 7) / 8));
                }
            }
        }
        return ModelCosts.of(graph, all, bytes);
    }

    public Optional<TensorReport> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
