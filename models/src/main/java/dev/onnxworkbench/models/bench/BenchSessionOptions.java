package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ProviderVariant} into ONNX Runtime session options. Adding the CUDA or TensorRT
 * provider is where a machine without the NVIDIA libraries fails, so callers treat an exception from
 * here as "provider unavailable".
 */
final class BenchSessionOptions {
    private BenchSessionOptions() {}

    /** Options for the variant; the caller closes them. {@code profilePrefix} non-null turns the profiler on. */
    static SessionOptions build(ProviderVariant variant, String profilePrefix) throws OrtException, BenchmarkException {
        SessionOptions options = new SessionOptions();
        try {
            applySessionKeys(options, variant.options());
            if (profilePrefix != null) {
                options.enableProfiling(profilePrefix);
            }
            switch (variant.provider()) {
                case CPU -> { }
                case CUDA -> {
                    try (OrtCUDAProviderOptions cuda = cudaOptions(variant.options())) {
                        options.addCUDA(cuda);
                    }
                }
                case TENSOR_RT -> {
                    try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions()) {
                        for (var e : providerKeys(variant.options()).entrySet()) {
                            trt.add(e.getKey(), e.getValue());
                        }
                        options.addTensorrt(trt);
                    }
                    // Nodes TensorRT cannot take fall back to CUDA rather than to the CPU.
                    try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions()) {
                        cuda.add("device_id", variant.options().getOrDefault("device_id", "0"));
                        options.addCUDA(cuda);
                    }
                }
                default -> throw new BenchmarkException(ProviderVariant.displayName(variant.provider())
                        + " is reported by ONNX Runtime but the workbench cannot configure it yet; compare CPU, CUDA or TensorRT.");
            }
            return options;
        } catch (OrtException | BenchmarkException | RuntimeException | Error e) {
            options.close();
            throw e;
        }
    }

    private static OrtCUDAProviderOptions cudaOptions(Map<String, String> all) throws OrtException {
        OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions();
        try {
            for (var e : providerKeys(all).entrySet()) {
                cuda.add(e.getKey(), e.getValue());
            }
            return cuda;
        } catch (OrtException | RuntimeException e) {
            cuda.close();
            throw e;
        }
    }

    private static Map<String, String> providerKeys(Map<String, String> all) {
        Map<String, String> keys = new java.util.LinkedHashMap<>(all);
        keys.keySet().removeAll(ProviderVariant.SESSION_KEYS);
        return keys;
    }

    private static void applySessionKeys(SessionOptions options, Map<String, String> keys) throws OrtException, BenchmarkException {
        String intra = keys.get(ProviderVariant.INTRA_OP_THREADS);
        if (intra != null) {
            options.setIntraOpNumThreads(parseThreads(intra, "intra-op"));
        }
        String inter = keys.get(ProviderVariant.INTER_OP_THREADS);
        if (inter != null) {
            options.setInterOpNumThreads(parseThreads(inter, "inter-op"));
        }
        String level = keys.get(ProviderVariant.OPTIMIZATION_LEVEL);
        if (level != null) {
            options.setOptimizationLevel(switch (level.toLowerCase(Locale.ROOT)) {
                case "disabled", "none" -> SessionOptions.OptLevel.NO_OPT;
                case "basic" -> SessionOptions.OptLevel.BASIC_OPT;
                case "extended" -> SessionOptions.OptLevel.EXTENDED_OPT;
                case "all" -> SessionOptions.OptLevel.ALL_OPT;
                default -> throw new BenchmarkException("Unknown optimization level '" + level + "'. Use disabled, basic, extended or all.");
            });
        }
        String mode = keys.get(ProviderVariant.EXECUTION_MODE);
        if (mode != null) {
            options.setExecutionMode(switch (mode.toLowerCase(Locale.ROOT)) {
                case "sequential" -> SessionOptions.ExecutionMode.SEQUENTIAL;
                case "parallel" -> SessionOptions.ExecutionMode.PARALLEL;
                default -> throw new BenchmarkException("Unknown execution mode '" + mode + "'. Use sequential or parallel.");
            });
        }
    }

    private static int parseThreads(String value, String what) throws BenchmarkException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkException("The " + what + " thread count must be a whole number ≥ 0 (0 = ONNX Runtime's default), not '" + value + "'.");
    }

    static boolean isGpu(OrtProvider p) {
        return p == OrtProvider.CUDA || p == OrtProvider.TENSOR_RT;
    }
}
