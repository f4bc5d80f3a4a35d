package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Code that opens a session with the same settings: Java (ONNX Runtime's Java API) and Python (onnxruntime). */
public final class SessionSnippets {
    private static final Set<String> SESSION_KEYS = Set.of(ProviderOption.INTRA_OP_THREADS, ProviderOption.INTER_OP_THREADS,
            ProviderOption.GRAPH_OPTIMIZATION, ProviderOption.EXECUTION_MODE, ProviderOption.CUDA_FALLBACK);
    private static final Set<String> CUDA_KEYS = Set.of(ProviderOption.CUDNN_CONV_ALGO_SEARCH, ProviderOption.USE_TF32,
            ProviderOption.GPU_MEM_LIMIT);

    private SessionSnippets() {}

    public static String java(ProviderSettings s, String modelPath) {
        StringBuilder b = new StringBuilder();
        b.append("// ONNX Runtime Java API (com.microsoft.onnxruntime): the settings `tune` chose.\n");
        b.append("OrtEnvironment env = OrtEnvironment.getEnvironment();\n");
        b.append("try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {\n");
        b.append("    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.")
                .append(switch (level(s)) {
                    case "disable" -> "NO_OPT";
                    case "basic" -> "BASIC_OPT";
                    case "extended" -> "EXTENDED_OPT";
                    default -> "ALL_OPT";
                }).append(");\n");
        b.append("    options.setIntraOpNumThreads(").append(s.option(ProviderOption.INTRA_OP_THREADS)).append(");\n");
        b.append("    options.setInterOpNumThreads(").append(s.option(ProviderOption.INTER_OP_THREADS)).append(");\n");
        b.append("    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.")
                .append(parallel(s) ? "PARALLEL" : "SEQUENTIAL").append(");\n");
        String device = s.option(ProviderOption.DEVICE_ID);
        if (s.provider() == ExecutionProvider.TENSORRT) {
            b.append("    try (var trt = new ai.onnxruntime.providers.OrtTensorRTProviderOptions(").append(device).append(")) {\n");
            providerOptions(s).forEach((k, v) -> b.append("        trt.add(\"").append(k).append("\", \"").append(ortValue(v)).append("\");\n"));
            b.append("        options.addTensorrt(trt);\n    }\n");
        }
        if (s.provider() == ExecutionProvider.CUDA || (s.provider() == ExecutionProvider.TENSORRT && s.option(ProviderOption.CUDA_FALLBACK).equals("true"))) {
            b.append("    try (var cuda = new ai.onnxruntime.providers.OrtCUDAProviderOptions(").append(device).append(")) {\n");
            if (s.provider() == ExecutionProvider.CUDA) {
                providerOptions(s).forEach((k, v) -> b.append("        cuda.add(\"").append(k).append("\", \"").append(ortValue(v)).append("\");\n"));
            }
            b.append("        options.addCUDA(cuda);\n    }\n");
        }
        b.append("    try (OrtSession session = env.createSession(\"").append(escape(modelPath)).append("\", options)) {\n");
        b.append("        // session.run(inputs) ...\n    }\n}\n");
        return b.toString();
    }

    public static String python(ProviderSettings s, String modelPath) {
        StringBuilder b = new StringBuilder();
        b.append("# onnxruntime (Python): the settings `tune` chose.\n");
        b.append("import onnxruntime as ort\n\n");
        b.append("options = ort.SessionOptions()\n");
        b.append("options.graph_optimization_level = ort.GraphOptimizationLevel.").append(switch (level(s)) {
            case "disable" -> "ORT_DISABLE_ALL";
            case "basic" -> "ORT_ENABLE_BASIC";
            case "extended" -> "ORT_ENABLE_EXTENDED";
            default -> "ORT_ENABLE_ALL";
        }).append('\n');
        b.append("options.intra_op_num_threads = ").append(s.option(ProviderOption.INTRA_OP_THREADS)).append('\n');
        b.append("options.inter_op_num_threads = ").append(s.option(ProviderOption.INTER_OP_THREADS)).append('\n');
        b.append("options.execution_mode = ort.ExecutionMode.").append(parallel(s) ? "ORT_PARALLEL" : "ORT_SEQUENTIAL").append('\n');
        List<String> providers = new ArrayList<>();
        if (s.provider() == ExecutionProvider.TENSORRT) {
            providers.add(pythonProvider("TensorrtExecutionProvider", withDevice(s, providerOptions(s))));
            if (s.option(ProviderOption.CUDA_FALLBACK).equals("true")) {
                providers.add(pythonProvider("CUDAExecutionProvider", withDevice(s, Map.of())));
            }
        } else if (s.provider() == ExecutionProvider.CUDA) {
            providers.add(pythonProvider("CUDAExecutionProvider", withDevice(s, providerOptions(s))));
        }
        providers.add("\"CPUExecutionProvider\"");
        b.append("session = ort.InferenceSession(\"").append(escape(modelPath)).append("\", sess_options=options,\n")
                .append("                               providers=[").append(String.join(", ", providers)).append("])\n");
        return b.toString();
    }

    private static String level(ProviderSettings s) {
        return s.option(ProviderOption.GRAPH_OPTIMIZATION).toLowerCase(Locale.ROOT);
    }

    private static boolean parallel(ProviderSettings s) {
        return s.option(ProviderOption.EXECUTION_MODE).equalsIgnoreCase("parallel");
    }

    /** The provider's own options as ONNX Runtime names them (session options and the device go elsewhere). */
    private static Map<String, String> providerOptions(ProviderSettings s) {
        Map<String, String> out = new TreeMap<>();
        s.options().forEach((k, v) -> {
            if (!SESSION_KEYS.contains(k) && !k.equals(ProviderOption.DEVICE_ID)
                    && (s.provider() != ExecutionProvider.TENSORRT || !CUDA_KEYS.contains(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, String> withDevice(ProviderSettings s, Map<String, String> options) {
        Map<String, String> out = new TreeMap<>(options);
        if (s.has(ProviderOption.DEVICE_ID)) {
            out.put(ProviderOption.DEVICE_ID, s.option(ProviderOption.DEVICE_ID));
        }
        return out;
    }

    private static String pythonProvider(String name, Map<String, String> options) {
        if (options.isEmpty()) {
            return "\"" + name + "\"";
        }
        List<String> entries = new ArrayList<>();
        options.forEach((k, v) -> entries.add("\"" + k + "\": \"" + ortValue(v) + "\""));
        return "(\"" + name + "\", {" + String.join(", ", entries) + "})";
    }

    /** ORT's provider options want "1"/"0" for booleans. */
    private static String ortValue(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> "1";
            case "false" -> "0";
            default -> escape(v.trim());
        };
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
