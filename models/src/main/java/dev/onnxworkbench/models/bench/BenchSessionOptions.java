package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.util.Locale;

/**
 * Session options for a benchmark row, the same mapping as the runtime's {@code SessionFactory} plus
 * the one thing it has no hook for yet: turning ONNX Runtime's profiler on (node placement comes from
 * the profile of the first run). Adding the CUDA or TensorRT provider is where a machine without the
 * NVIDIA libraries fails, so callers treat an {@link OrtException} from here as "provider unavailable".
 */
final class BenchSessionOptions {
    private BenchSessionOptions() {}

    /** Options for the settings; the caller closes them. {@code profilePrefix} non-null turns the profiler on. */
    static SessionOptions build(ProviderSettings settings, String profilePrefix) throws OrtException, WorkbenchException {
        settings.validated();
        SessionOptions options = new SessionOptions();
        try {
            options.setIntraOpNumThreads(Integer.parseInt(settings.option(ProviderOption.INTRA_OP_THREADS).trim()));
            options.setInterOpNumThreads(Integer.parseInt(settings.option(ProviderOption.INTER_OP_THREADS).trim()));
            options.setOptimizationLevel(switch (settings.option(ProviderOption.GRAPH_OPTIMIZATION).toLowerCase(Locale.ROOT)) {
                case "disable" -> SessionOptions.OptLevel.NO_OPT;
                case "basic" -> SessionOptions.OptLevel.BASIC_OPT;
                case "extended" -> SessionOptions.OptLevel.EXTENDED_OPT;
                default -> SessionOptions.OptLevel.ALL_OPT;
            });
            options.setExecutionMode(settings.option(ProviderOption.EXECUTION_MODE).equalsIgnoreCase("parallel")
                    ? SessionOptions.ExecutionMode.PARALLEL : SessionOptions.ExecutionMode.SEQUENTIAL);
            if (profilePrefix != null) {
                options.enableProfiling(profilePrefix);
            }
            switch (settings.provider()) {
                case CPU -> { }
                case CUDA -> addCuda(options, settings);
                case TENSORRT -> {
                    try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(deviceId(settings))) {
                        for (String key : new String[] {ProviderOption.TRT_FP16, ProviderOption.TRT_INT8, ProviderOption.TRT_WORKSPACE,
                                                        ProviderOption.TRT_ENGINE_CACHE, ProviderOption.TRT_ENGINE_CACHE_PATH,
                                                        ProviderOption.TRT_TIMING_CACHE, ProviderOption.TRT_TIMING_CACHE_PATH}) {
                            if (settings.has(key)) {
                                trt.add(key, ortValue(settings.option(key)));
                            }
                        }
                        options.addTensorrt(trt);
                    }
                    String fallback = settings.option(ProviderOption.CUDA_FALLBACK).trim();
                    if (fallback.equalsIgnoreCase("true") || fallback.equals("1")) {
                        // Nodes TensorRT cannot take go to CUDA rather than to the CPU.
                        addCuda(options, settings);
                    }
                }
            }
            return options;
        } catch (OrtException | RuntimeException | Error e) {
            options.close();
            throw e;
        }
    }

    private static void addCuda(SessionOptions options, ProviderSettings settings) throws OrtException {
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(deviceId(settings))) {
            for (String key : new String[] {ProviderOption.CUDNN_CONV_ALGO_SEARCH, ProviderOption.USE_TF32, ProviderOption.GPU_MEM_LIMIT}) {
                if (settings.has(key) && settings.provider() == ExecutionProvider.CUDA) {
                    cuda.add(key, ortValue(settings.option(key)));
                }
            }
            options.addCUDA(cuda);
        }
    }

    private static int deviceId(ProviderSettings settings) {
        return Integer.parseInt(settings.option(ProviderOption.DEVICE_ID).trim());
    }

    /** ORT's provider options want "1"/"0" for booleans. */
    private static String ortValue(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> "1";
            case "false" -> "0";
            default -> value.trim();
        };
    }

    static boolean isGpu(ExecutionProvider p) {
        return p != ExecutionProvider.CPU;
    }
}
