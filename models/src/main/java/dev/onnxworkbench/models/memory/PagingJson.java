package dev.onnxworkbench.models.memory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code paging{batches, budgetBytes, largestBatchBytes, oversized[{tensor, bytes}], summary}} in JSON reports. */
public final class PagingJson {
    private PagingJson() {
    }

    public static void put(ObjectNode into, Paging p) {
        into.put("batches", p.batches());
        into.put("budgetBytes", p.budget().bytes());
        into.put("largestBatchBytes", p.largestBatch());
        ArrayNode oversized = into.putArray("oversized");
        for (Paging.Oversized o : p.oversized()) {
            oversized.addObject().put("tensor", o.tensor()).put("bytes", o.bytes());
        }
        into.put("summary", p.describe());
    }
}
