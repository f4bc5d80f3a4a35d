package dev.onnxworkbench.models.diverge;

import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import java.util.List;
import java.util.Optional;

/**
 * What a divergence search found.
 *
 * @param tensors   the compared tensors in topological order of model A (with bisection only those it looked at)
 * @param inputs    the inputs both runs ran on
 * @param runs      how many times each model ran
 * @param shared    how many tensors both runs can show (the search space)
 * @param paging    how marking all was paged within the memory budget; null with bisection
 */
public record DivergenceReport(RunSpec runA, RunSpec runB, DivergenceOptions options, List<TensorDivergence> tensors,
                               List<InputDescription> inputs, int runs, int shared,
                               dev.onnxworkbench.models.memory.Paging paging) {
    public DivergenceReport {
        tensors = List.copyOf(tensors);
        inputs = List.copyOf(inputs);
    }

    /** The first tensor in topological order that fails, if any. */
    public Optional<TensorDivergence> firstDivergent() {
        return tensors.stream().filter(t -> !t.pass()).findFirst();
    }

    /** The tensors after the first divergent one: how the error spreads downstream. */
    public List<TensorDivergence> downstream() {
        int first = tensors.indexOf(firstDivergent().orElse(null));
        return first < 0 ? List.of() : tensors.subList(first + 1, tensors.size());
    }
}
