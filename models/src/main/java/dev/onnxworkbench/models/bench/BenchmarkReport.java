package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.time.Instant;
import java.util.List;

/**
 * One comparison of providers on one model, as shown, exported and kept in the history.
 *
 * @param model     the model file's path as given
 * @param cancelled true when the user stopped it; rows finished before that are complete
 */
public record BenchmarkReport(String model, Instant startedAt, MachineInfo machine, BenchmarkSettings settings,
                              List<ProviderResult> providers, boolean cancelled) {
    public BenchmarkReport {
        providers = List.copyOf(providers);
    }

    /** Whether the rows carry a precision axis (FP32 / FP16 / INT8 copies of the model). */
    public boolean hasPrecisionAxis() {
        return providers.stream().anyMatch(r -> r.precision() != null);
    }

    /** The FP32 row measured with the same provider settings as {@code row}, if any (itself for an FP32 row). */
    public java.util.Optional<ProviderResult> fp32Row(ProviderResult row) {
        return fp32Row(providers, row);
    }

    /** {@code row}'s p50 over the FP32 row's p50 at the same settings; NaN when either was not measured. */
    public double ratioToFp32(ProviderResult row) {
        return ratioToFp32(providers, row);
    }

    /**
     * For an INT8 row measured slower than FP32 at the same settings: why, in sentences (the CPU's dot-product
     * instructions, the format, the Q/DQ pairs ONNX Runtime left unfused). Empty otherwise.
     */
    public String whySlower(ProviderResult row) {
        return whySlower(providers, row);
    }

    /** As {@link #fp32Row(ProviderResult)}, over rows still arriving (the window shows them one by one). */
    public static java.util.Optional<ProviderResult> fp32Row(List<ProviderResult> rows, ProviderResult row) {
        return rows.stream().filter(r -> r.precision() != null && r.precision().isOriginal())
                .filter(r -> r.variant().equals(row.variant())).findFirst();
    }

    public static double ratioToFp32(List<ProviderResult> rows, ProviderResult row) {
        return fp32Row(rows, row).filter(ProviderResult::succeeded).filter(f -> row.succeeded())
                .map(f -> row.latency().p50() / f.latency().p50()).orElse(Double.NaN);
    }

    public static String whySlower(List<ProviderResult> rows, ProviderResult row) {
        if (row.precision() == null || row.precision().int8() == null) {
            return "";
        }
        return row.precision().int8().whySlower(ratioToFp32(rows, row));
    }

    /**
     * The settings as recorded (what a reader of an export or the history needs; provider options are per row).
     */
    public record BenchmarkSettings(int warmupRuns, int timedRuns, Double durationSeconds, List<Integer> batchSizes,
                                    long inputSeed, String inputs, Tolerance tolerances,
                                    List<InputDescription> inputShapes) {
        public BenchmarkSettings {
            inputShapes = inputShapes == null ? List.of() : List.copyOf(inputShapes);
        }

        /** Settings of a report written before input shapes were recorded. */
        public BenchmarkSettings(int warmupRuns, int timedRuns, Double durationSeconds, List<Integer> batchSizes,
                                 long inputSeed, String inputs, Tolerance tolerances) {
            this(warmupRuns, timedRuns, durationSeconds, batchSizes, inputSeed, inputs, tolerances, List.of());
        }

        /** {@code inputs}: the headline input set (first batch size), whose shapes and sources the report states. */
        static BenchmarkSettings of(BenchmarkConfig c, InputSet inputs) {
            return new BenchmarkSettings(c.warmupRuns(), c.timedRuns(),
                    c.duration() == null ? null : c.duration().toNanos() / 1e9, c.batchSizes(), c.inputSeed(),
                    inputs.summary(), c.tolerances(), inputs.describe());
        }
    }
}
