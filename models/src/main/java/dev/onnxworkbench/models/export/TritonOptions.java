package dev.onnxworkbench.models.export;

/**
 * What {@code export triton} writes into config.pbtxt.
 *
 * @param name         the model's name in the repository (its folder); null: from the file name
 * @param maxBatch     Triton's max_batch_size; null: 8 when every input and output has a variable first
 *                     dimension, else 0
 * @param instances    instance_group count
 * @param gpu          KIND_GPU instead of KIND_CPU
 * @param tensorrt     ONNX Runtime's TensorRT accelerator (implies a GPU)
 * @param fp16         TensorRT precision_mode FP16
 */
public record TritonOptions(String name, Integer maxBatch, int instances, boolean gpu, boolean tensorrt,
                            boolean fp16) {
    public TritonOptions {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be 1 or more");
        }
    }

    public static TritonOptions defaults() {
        return new TritonOptions(null, null, 1, false, false, false);
    }
}
