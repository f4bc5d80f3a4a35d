package dev.onnxworkbench.models.inspect;

import java.util.List;
import java.util.Optional;

/**
 * The result of an inspected run: one report per inspected tensor, in topological order.
 *
 * @param tensors     reports, ordered by producing node
 * @param runs        how many runs the inspection took (one per batch of tensors)
 * @param totalMillis wall time of the inspection (session creation, runs, statistics)
 */
public record Inspection(List<TensorReport> tensors, int runs, double totalMillis) {
    public Inspection {
        tensors = List.copyOf(tensors);
    }

    /** The earliest tensor (topological order) holding a NaN or an infinity. */
    public Optional<TensorReport> firstNonFinite() {
        return tensors.stream().filter(TensorReport::hasNonFinite).findFirst();
    }

    public Optional<TensorReport> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
