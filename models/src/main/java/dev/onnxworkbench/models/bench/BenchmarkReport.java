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
