package dev.onnxworkbench.models.graph;

import java.util.List;

/** A sparse tensor: its non-zero values, their indices (COO), and the dense shape. */
public record SparseTensor(Tensor values, Tensor indices, List<Long> dims) {
    public SparseTensor {
        dims = List.copyOf(dims);
    }

    public String name() {
        return values.name();
    }
}
