package dev.onnxworkbench.models.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The native input tensors of one batch size, made once and reused for every run; closed after. */
interface InputFeed extends AutoCloseable {
    Map<String, OnnxTensor> tensors();

    @Override
    void close();

    /** Random tensors of {@code batch} items, or the given inputs (which ignore {@code batch}). */
    static InputFeed open(OrtEnvironment env, Map<String, NodeInfo> inputInfo, int batch, BenchmarkConfig config)
            throws OrtException, WorkbenchException {
        if (config.givenInputs() == null) {
            return RandomInputs.create(env, inputInfo, batch, config.inputSeed());
        }
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        InputFeed feed = new InputFeed() {
            @Override
            public Map<String, OnnxTensor> tensors() {
                return tensors;
            }

            @Override
            public void close() {
                tensors.values().forEach(OnnxTensor::close);
                tensors.clear();
            }
        };
        try {
            for (String name : inputInfo.keySet()) {
                HostTensor value = config.givenInputs().tensors().get(name);
                if (value == null) {
                    throw new BenchmarkException("The inputs (" + config.givenInputs().description() + ") have no value for the model's input '"
                            + name + "'; it needs " + inputInfo.keySet() + ".");
                }
                tensors.put(name, OrtValues.toOnnxTensor(env, value));
            }
            return feed;
        } catch (WorkbenchException | RuntimeException e) {
            feed.close();
            throw e;
        }
    }

    /**
     * The batch sizes to time: the configured sweep for random inputs on a model with a dynamic batch,
     * else one size (the given inputs' first dimension when the model's is dynamic, else the first configured).
     */
    static List<Integer> batchSizes(Map<String, NodeInfo> inputInfo, BenchmarkConfig config) {
        boolean dynamic = RandomInputs.hasDynamicBatch(inputInfo);
        if (config.givenInputs() == null) {
            return dynamic ? config.batchSizes() : List.of(config.batchSizes().getFirst());
        }
        for (var e : inputInfo.entrySet()) {
            HostTensor value = config.givenInputs().tensors().get(e.getKey());
            if (dynamic && value != null && e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length > 0
                    && t.getShape()[0] < 0 && value.shape().length > 0) {
                return List.of((int) Math.max(1, value.shape()[0]));
            }
        }
        return List.of(1);
    }
}
