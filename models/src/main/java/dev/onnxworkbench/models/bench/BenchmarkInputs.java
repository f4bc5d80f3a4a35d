package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The input sets a benchmark times, one per batch size of the sweep, and their native tensors. */
final class BenchmarkInputs {
    private BenchmarkInputs() {}

    /**
     * The configured input set, or one built from the given values or random values; then one set per batch
     * size (only the batch dimension changes). A model without a free batch dimension, or given values without an input set, run their own shapes once.
     */
    static List<InputSet> sweep(Path model, BenchmarkConfig config) throws WorkbenchException {
        InputSet base = config.inputs();
        if (base == null) {
            InputSetBuilder builder = InputSet.builder(InputSpecs.derive(new OnnxReader().read(model)));
            if (config.givenInputs() != null) {
                for (Map.Entry<String, HostTensor> e : config.givenInputs().tensors().entrySet()) {
                    builder.source(e.getKey(), new InputSource.Values(e.getValue(), config.givenInputs().description()));
                }
            } else {
                builder.randomFill(config.inputSeed());
                if (!config.batchSizes().isEmpty()) {
                    builder.defaultBatch(config.batchSizes().getFirst());
                }
            }
            base = builder.build();
        }
        if (config.batchSizes().isEmpty() || base.batchParameters().isEmpty() || config.givenInputs() != null) {
            return List.of(base);
        }
        List<InputSet> sets = new ArrayList<>();
        for (int b : config.batchSizes()) {
            sets.add(base.withBatch(b));
        }
        return sets;
    }

    /** Native tensors for one set; the caller closes them with {@link #close}. */
    static Map<String, OnnxTensor> tensors(OrtEnvironment env, InputSet set) throws WorkbenchException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, HostTensor> e : set.values().entrySet()) {
                tensors.put(e.getKey(), OrtValues.toOnnxTensor(env, e.getValue()));
            }
            return tensors;
        } catch (WorkbenchException | RuntimeException e) {
            close(tensors);
            throw e;
        }
    }

    static void close(Map<String, OnnxTensor> tensors) {
        tensors.values().forEach(OnnxTensor::close);
        tensors.clear();
    }

    /** The batch size a set runs with: its batch dimension's size, else 1. */
    static int batchOf(InputSet set) {
        return (int) set.batch().orElse(1);
    }
}
