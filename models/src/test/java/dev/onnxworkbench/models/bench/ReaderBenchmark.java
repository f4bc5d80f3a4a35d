package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reader benchmark (a main, not a test): opens generated 1k…100k-node models in a warm JVM and
 * prints median and spread per size, then the 2 GiB external / 1.5 GiB single-file opens with the
 * heap they cost. Usage: {@code ReaderBenchmark OUTPUT_DIR [runs]}; the generated models stay in
 * OUTPUT_DIR (e.g. for timing {@code onnx-workbench info} on chain_50000.onnx as a fresh process).
 */
public final class ReaderBenchmark {
    /** CPU time of the reading thread: less disturbed than wall time on a shared machine. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static final com.sun.management.ThreadMXBean ALLOCATIONS = (com.sun.management.ThreadMXBean) THREADS;

    private ReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench"));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int[] sizes = {1_000, 10_000, 50_000, 100_000};
        List<Path> files = new ArrayList<>();
        for (int n : sizes) {
            files.add(Protos.write(TestModels.chain(n), out.resolve("chain_" + n + ".onnx")));
        }
        OnnxReader reader = new OnnxReader();
        // Warm-up: let the JIT see every path at every size.
        for (int i = 0; i < 5; i++) {
            for (Path f : files) {
                reader.read(f);
            }
        }
        System.out.printf(Locale.ROOT, "%-8s %10s %8s %8s %8s %8s %10s %12s %12s%n",
                "nodes", "file", "median", "min", "p90", "max", "us/node", "cpu median", "alloc/read");
        for (int s = 0; s < sizes.length; s++) {
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            long allocated = 0;
            for (int r = 0; r < runs; r++) {
                long a0 = ALLOCATIONS.getCurrentThreadAllocatedBytes();
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Model m = reader.read(files.get(s));
                ms[r] = (System.nanoTime() - t0) / 1e6;
                cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                allocated = ALLOCATIONS.getCurrentThreadAllocatedBytes() - a0;
                if (m.graph().nodes().size() != sizes[s]) {
                    throw new IllegalStateException("wrong node count");
                }
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            double median = ms[runs / 2];
            System.out.printf(Locale.ROOT, "%-8d %8.1fMB %6.1fms %6.1fms %6.1fms %6.1fms %10.2f %10.1fms %10.1fMB%n", sizes[s],
                    Files.size(files.get(s)) / 1048576.0, median, ms[0], ms[(int) (runs * 0.9)], ms[runs - 1],
                    median * 1000 / sizes[s], cpu[runs / 2], allocated / 1048576.0);
        }
        bigOpen("2 GiB external weights", TestModels.externalWeights2GiB(out.resolve("external")), reader, runs);
        bigOpen("1.5 GiB single file", TestModels.bigSingleFile1_5GiB(out.resolve("big.onnx")), reader, runs);
    }

    private static void bigOpen(String label, Path file, OnnxReader reader, int runs) throws Exception {
        double[] ms = new double[runs];
        long worstHeap = 0;
        for (int r = 0; r < runs; r++) {
            long before = usedAfterGc();
            long t0 = System.nanoTime();
            Model m = reader.read(file);
            ms[r] = (System.nanoTime() - t0) / 1e6;
            worstHeap = Math.max(worstHeap, usedAfterGc() - before);
            if (r == 0) {
                worstHeap = usedAfterGc() - before;
            }
            if (m.graph().initializers().isEmpty()) {
                throw new IllegalStateException("no weights");
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-24s median %6.1fms  min %6.1fms  max %6.1fms  heap held by the open model (max) %.2f MB%n",
                label, ms[runs / 2], ms[0], ms[runs - 1], worstHeap / 1048576.0);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
