package dev.onnxworkbench.models.graph;

/**
 * The one definition of a model's parameter count, used by {@code info} and the window alike:
 * the elements of every initializer (sparse ones at their dense size) and of every Constant node's
 * value, in the graph and all its subgraphs (If branches, Loop and Scan bodies). Function bodies are
 * templates, not weights, and are not counted.
 *
 * @param parameterCount elements in those tensors; saturates at Long.MAX_VALUE
 * @param weightBytes    bytes they take in raw layout (string tensors excluded)
 */
public record ModelCounts(long parameterCount, long weightBytes) {

    public static ModelCounts of(Model model) {
        return of(model.graph());
    }

    public static ModelCounts of(Graph graph) {
        long[] sums = new long[2];
        add(graph, sums);
        return new ModelCounts(sums[0], sums[1]);
    }

    /** Parameters of a graph and its subgraphs (see the class comment for what counts). */
    public static long parameterCount(Graph graph) {
        return of(graph).parameterCount();
    }

    private static void add(Graph graph, long[] sums) {
        for (Tensor t : graph.initializers()) {
            add(t, sums);
        }
        for (SparseTensor s : graph.sparseInitializers()) {
            addSparse(s, sums);
        }
        for (Node node : graph.nodes()) {
            if (node.opType().equals("Constant") && node.domain().equals(OpsetImport.DEFAULT_DOMAIN)) {
                for (Attribute a : node.attributes()) {
                    addConstant(a.value(), sums);
                }
            }
            for (Node.NamedGraph sub : node.subgraphs()) {
                add(sub.graph(), sums);
            }
        }
    }

    /** A Constant holds its value in exactly one attribute: a tensor, a sparse tensor or a list of numbers. */
    private static void addConstant(AttributeValue value, long[] sums) {
        switch (value) {
            case AttributeValue.TensorValue tv -> add(tv.tensor(), sums);
            case AttributeValue.SparseTensorValue sv -> addSparse(sv.tensor(), sums);
            case AttributeValue.FloatValue f -> addCount(1, 4, sums);
            case AttributeValue.IntValue i -> addCount(1, 8, sums);
            case AttributeValue.Floats fs -> addCount(fs.values().size(), 4L * fs.values().size(), sums);
            case AttributeValue.Ints is -> addCount(is.values().size(), 8L * is.values().size(), sums);
            case AttributeValue.StringValue s -> addCount(1, 0, sums);
            case AttributeValue.Strings ss -> addCount(ss.values().size(), 0, sums);
            default -> { }
        }
    }

    private static void add(Tensor t, long[] sums) {
        addCount(t.elementCount(), t.elementType() == ElementType.STRING ? 0 : t.byteSize(), sums);
    }

    private static void addSparse(SparseTensor s, long[] sums) {
        long dense = 1;
        for (long d : s.dims()) {
            dense = d <= 0 ? 0 : (dense > Long.MAX_VALUE / d ? Long.MAX_VALUE : dense * d);
        }
        long bytes = dense == Long.MAX_VALUE ? Long.MAX_VALUE : s.values().elementType().byteSize(dense);
        addCount(dense, s.values().elementType() == ElementType.STRING ? 0 : bytes, sums);
    }

    private static void addCount(long elements, long bytes, long[] sums) {
        sums[0] = saturatedAdd(sums[0], elements);
        sums[1] = saturatedAdd(sums[1], bytes);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
