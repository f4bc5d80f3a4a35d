package dev.onnxworkbench.models.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line benchmark of the catalog (not a test). In one fresh JVM it times, once each:
 * {@code load} = {@link OperatorCatalog#loadBundled()} (what the app and {@code info} pay at start),
 * {@code resolve30} = first resolution of the 30 operator types of a typical CNN/transformer model,
 * {@code latestAll} = parsing every remaining operator through {@link OperatorCatalog#latest()};
 * then the median/min/max of {@code warmRuns} further loads, and of resolving the operators of a 50,000-node
 * model (15 rounds). Run several fresh processes with
 * {@code tools/catalog/bench-load.sh}.
 */
public final class CatalogLoadBenchmark {

    private static final List<String> TYPICAL_OPERATORS = List.of("Conv", "Relu", "MaxPool", "Add", "Gemm",
            "BatchNormalization", "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "MatMul", "Softmax",
            "LayerNormalization", "Gather", "Concat", "Unsqueeze", "Squeeze", "Shape", "Slice", "Mul", "Div",
            "Sub", "Sqrt", "Pow", "ReduceMean", "Cast", "Erf", "Where", "Constant", "Tanh");

    private CatalogLoadBenchmark() {
    }

    public static void main(String[] args) {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        // Thread CPU time too: on a shared, busy machine wall time mostly measures waiting for a core.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        OperatorCatalog catalog = OperatorCatalog.loadBundled();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        int resolved = 0;
        for (String opType : TYPICAL_OPERATORS) {
            resolved += catalog.resolve("", opType, 17).isPresent() ? 1 : 0;
        }
        long t2 = System.nanoTime();
        int operators = catalog.latest().size();
        long t3 = System.nanoTime();

        double[] warm = new double[warmRuns];
        long checksum = 0; // keeps the warm loads observable
        for (int i = 0; i < warmRuns; i++) {
            long t = System.nanoTime();
            checksum += OperatorCatalog.loadBundled().size();
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);

        // Resolution as the diagram does it for every node of a 50,000-node model, repeated to warm up.
        double[] resolveRounds = new double[15];
        for (int round = 0; round < resolveRounds.length; round++) {
            long t = System.nanoTime();
            for (int node = 0; node < 50_000; node++) {
                checksum += catalog.resolve("", TYPICAL_OPERATORS.get(node % TYPICAL_OPERATORS.size()), 17)
                        .orElseThrow().sinceVersion();
            }
            resolveRounds[round] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(resolveRounds);
        System.out.printf("load-ms %.1f (cpu %.1f)  resolve30-ms %.1f  latestAll-ms %.1f  | warm load median-ms %.2f"
                        + " min %.2f max %.2f | resolve 50k nodes median-ms %.2f min %.2f | operators %d resolved %d"
                        + " checksum %d%n",
                (t1 - t0) / 1e6, (c1 - c0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, warm[warmRuns / 2], warm[0],
                warm[warmRuns - 1], resolveRounds[resolveRounds.length / 2], resolveRounds[0], operators, resolved,
                checksum);
    }
}
