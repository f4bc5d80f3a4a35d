package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.testing.TestModels;
import java.util.Arrays;

/**
 * Not a test: how long mapping a decoded graph to a diagram takes (the app's share of "open to
 * first frame"). Run: java -cp app/target/test-classes:app/target/classes:... DiagramMapperBenchmark [nodes...]
 * Prints the median and min/max of 9 runs after 3 warm-ups for each size.
 */
public final class DiagramMapperBenchmark {
    private DiagramMapperBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 50_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        DiagramMapper mapper = new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG));
        for (int n : sizes) {
            Model model = DiagramFixtures.read(TestModels.chain(n));
            double[] ms = new double[12];
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                mapper.map(model.graph(), DiagramOptions.DEFAULT, x -> false);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] timed = Arrays.copyOfRange(ms, 3, ms.length);
            Arrays.sort(timed);
            System.out.printf("%,7d nodes: median %.1f ms (min %.1f, max %.1f, 9 runs)%n",
                    n, timed[4], timed[0], timed[8]);
        }
    }
}
