package dev.onnxworkbench.models.inspect;

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

    public Optional<TensorReport> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
