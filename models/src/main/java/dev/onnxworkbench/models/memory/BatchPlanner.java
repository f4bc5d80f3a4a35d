package dev.onnxworkbench.models.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an ordered list of tensors into batches whose (known or estimated) bytes stay within a limit, and counts what
 * it did for {@link Paging}. A tensor larger than the limit makes a batch of its own. Not thread-safe.
 */
public final class BatchPlanner {
    private final MemoryBudget budget;
    private final ActivationSizes sizes;
    private final List<Paging.Oversized> oversized = new ArrayList<>();
    private int batches;
    private long largestBatch;

    public BatchPlanner(MemoryBudget budget, ActivationSizes sizes) {
        this.budget = budget;
        this.sizes = sizes;
    }

    public ActivationSizes sizes() {
        return sizes;
    }

    /**
     * The next batch from {@code order[from..]} whose estimated bytes fit {@code limit}, of at most {@code maxTensors}
     * (ONNX Runtime's session creation grows faster than linearly with the number of outputs); never empty.
     */
    public List<String> next(List<String> order, int from, long limit, int maxTensors) {
        List<String> batch = new ArrayList<>();
        long total = 0;
        while (from + batch.size() < order.size() && batch.size() < maxTensors) {
            long estimate = sizes.estimate(order.get(from + batch.size()));
            if (!batch.isEmpty() && total + estimate > limit) {
                break;
            }
            batch.add(order.get(from + batch.size()));
            total += estimate;
        }
        return batch;
    }

    /**
     * Counts a batch that ran: {@code keptBytes} held at once (for divergence both runs' values), {@code ownBytes}
     * the batch's own values; a one-tensor batch whose kept bytes exceed the budget is noted as oversized.
     */
    public void ran(List<String> batch, long keptBytes, long ownBytes) {
        batches++;
        largestBatch = Math.max(largestBatch, keptBytes);
        if (batch.size() == 1 && keptBytes > budget.bytes()) {
            oversized.add(new Paging.Oversized(batch.getFirst(), ownBytes));
        }
    }

    /** Batches still to come from {@code order[from..]} at {@code limit} bytes each, by the current estimates. */
    public int remaining(List<String> order, int from, long limit) {
        long total = 0;
        for (int i = from; i < order.size(); i++) {
            total += sizes.estimate(order.get(i));
        }
        return total == 0 ? 0 : (int) Math.max(1, (total + limit - 1) / limit);
    }

    public Paging paging() {
        return new Paging(batches, budget, largestBatch, oversized);
    }
}
