package dev.onnxworkbench.models.memory;

import java.util.List;

/**
 * How a run that keeps activations was paged to stay within its budget: how many batches, the largest batch's
 * bytes, and the tensors that alone exceeded the budget (each fetched alone: a tensor cannot be split).
 *
 * @param batches      how many batches (runs, or pairs of runs for divergence)
 * @param budget       the budget
 * @param largestBatch the bytes of the largest batch kept at once
 * @param oversized    tensors larger than the budget, each with its size
 */
public record Paging(int batches, MemoryBudget budget, long largestBatch, List<Oversized> oversized) {
    /** A tensor that alone exceeded the budget. */
    public record Oversized(String tensor, long bytes) {}

    public Paging {
        oversized = List.copyOf(oversized);
    }

    /** "12 batches within 1 GB", or "1 batch within 1 GB; 1 tensor larger than the budget was fetched alone (x, 1.5 GB)". */
    public String describe() {
        StringBuilder b = new StringBuilder().append(batches).append(batches == 1 ? " batch" : " batches")
                .append(" within ").append(budget.describe());
        if (!oversized.isEmpty()) {
            b.append("; ").append(oversized.size()).append(oversized.size() == 1 ? " tensor" : " tensors")
                    .append(" larger than the budget fetched alone (");
            for (int i = 0; i < Math.min(3, oversized.size()); i++) {
                Oversized o = oversized.get(i);
                b.append(i > 0 ? ", " : "").append(o.tensor()).append(' ').append(MemoryBudget.size(o.bytes()));
            }
            b.append(oversized.size() > 3 ? ", …)" : ")");
        }
        return b.toString();
    }
}
