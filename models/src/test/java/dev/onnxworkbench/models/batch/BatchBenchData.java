package dev.onnxworkbench.models.batch;

import java.nio.file.Path;

/**
 * Writes the benchmark's rows (README, "Batch predictions"): {@code BatchBenchData csv|parquet FILE ROWS} or
 * {@code BatchBenchData table JDBC_URL TABLE ROWS}; weight-change rows with ids 1..ROWS, no failing rows.
 */
public final class BatchBenchData {
    private BatchBenchData() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        switch (args[0]) {
            case "csv" -> BatchTestData.csv(Path.of(args[1]), Long.parseLong(args[2]), false);
            case "parquet" -> BatchTestData.parquet(Path.of(args[1]), Long.parseLong(args[2]), false);
            case "table" -> BatchTestData.table(args[1], args[2], Long.parseLong(args[3]), false);
            default -> throw new IllegalArgumentException("csv|parquet FILE ROWS, or table JDBC_URL TABLE ROWS");
        }
        System.err.printf("wrote %s in %.1f s%n", String.join(" ", args), (System.nanoTime() - start) / 1e9);
    }
}
