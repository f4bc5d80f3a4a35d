package dev.onnxworkbench.models.export;

import java.util.List;

/** Renders config.pbtxt (protobuf text format of Triton's {@code inference.ModelConfig}). */
final class TritonConfig {
    private TritonConfig() {
    }

    static String text(String name, int maxBatch, List<TritonExport.Io> inputs, List<TritonExport.Io> outputs,
                       TritonOptions options) {
        StringBuilder b = new StringBuilder();
        b.append("# Written by ONNX Workbench (export triton). Serve with:\n");
        b.append("#   tritonserver --model-repository=/path/to/REPO\n");
        b.append("name: ").append(quote(name)).append('\n');
        b.append("platform: \"onnxruntime_onnx\"\n");
        b.append("backend: \"onnxruntime\"\n");
        b.append("max_batch_size: ").append(maxBatch).append('\n');
        tensors(b, "input", inputs, maxBatch > 0);
        tensors(b, "output", outputs, maxBatch > 0);
        if (maxBatch > 0) {
            b.append("dynamic_batching {\n  max_queue_delay_microseconds: 100\n}\n");
        }
        boolean gpu = options.gpu() || options.tensorrt();
        b.append("instance_group [\n  {\n    count: ").append(options.instances()).append("\n    kind: ")
                .append(gpu ? "KIND_GPU" : "KIND_CPU").append("\n  }\n]\n");
        if (options.tensorrt()) {
            b.append("optimization {\n  execution_accelerators {\n    gpu_execution_accelerator: [\n      {\n")
                    .append("        name: \"tensorrt\"\n");
            if (options.fp16()) {
                b.append("        parameters { key: \"precision_mode\" value: \"FP16\" }\n");
            }
            b.append("      }\n    ]\n  }\n}\n");
        }
        return b.toString();
    }

    private static void tensors(StringBuilder b, String field, List<TritonExport.Io> tensors, boolean batched) {
        b.append(field).append(" [\n");
        for (int i = 0; i < tensors.size(); i++) {
            TritonExport.Io t = tensors.get(i);
            long[] dims = t.dims();
            int from = batched ? 1 : 0; // Triton adds the batch dimension itself
            b.append("  {\n    name: ").append(quote(t.name())).append("\n    data_type: ")
                    .append(t.type().tritonName()).append("\n    dims: [ ");
            if (dims.length - from == 0) {
                b.append("1 ]\n    reshape: { shape: [ ] }\n"); // Triton needs at least one dim; the model has none
            } else {
                for (int d = from; d < dims.length; d++) {
                    b.append(d > from ? ", " : "").append(dims[d]);
                }
                b.append(" ]\n");
            }
            b.append(i + 1 < tensors.size() ? "  },\n" : "  }\n");
        }
        b.append("]\n");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
