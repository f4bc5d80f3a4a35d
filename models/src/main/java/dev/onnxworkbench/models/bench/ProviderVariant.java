package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One row of a comparison: an execution provider with the options it runs with. The same
 * provider may appear several times with different options (CPU with 1 and with 2 threads).
 *
 * <p>Session-level keys ({@link #INTRA_OP_THREADS}, {@link #INTER_OP_THREADS},
 * {@link #OPTIMIZATION_LEVEL}, {@link #EXECUTION_MODE}) apply to every provider; every other
 * key is passed unchanged to the provider as ONNX Runtime names it (CUDA: {@code device_id},
 * {@code cudnn_conv_algo_search}, {@code use_tf32}, {@code gpu_mem_limit}; TensorRT:
 * {@code trt_fp16_enable}, {@code trt_int8_enable}, {@code trt_max_workspace_size},
 * {@code trt_engine_cache_enable}, {@code trt_engine_cache_path}, {@code trt_timing_cache_enable},
 * {@code trt_timing_cache_path}).
 */
public record ProviderVariant(OrtProvider provider, Map<String, String> options) {
    public static final String INTRA_OP_THREADS = "intraOpThreads";
    public static final String INTER_OP_THREADS = "interOpThreads";
    /** disabled, basic, extended or all (ONNX Runtime's graph optimization levels). */
    public static final String OPTIMIZATION_LEVEL = "optimizationLevel";
    /** sequential or parallel. */
    public static final String EXECUTION_MODE = "executionMode";

    static final Set<String> SESSION_KEYS = Set.of(INTRA_OP_THREADS, INTER_OP_THREADS, OPTIMIZATION_LEVEL, EXECUTION_MODE);

    public ProviderVariant {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static ProviderVariant cpu(int intraOpThreads) {
        return new ProviderVariant(OrtProvider.CPU, Map.of(INTRA_OP_THREADS, Integer.toString(intraOpThreads)));
    }

    public static ProviderVariant cpuDefaults() {
        return new ProviderVariant(OrtProvider.CPU, Map.of());
    }

    public static ProviderVariant cudaDefaults() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("device_id", "0");
        o.put("cudnn_conv_algo_search", "EXHAUSTIVE");
        o.put("use_tf32", "1");
        return new ProviderVariant(OrtProvider.CUDA, o);
    }

    /** TensorRT with its engine and timing caches in {@code cacheDirectory}, so a second session builds in seconds. */
    public static ProviderVariant tensorRtDefaults(Path cacheDirectory) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("device_id", "0");
        o.put("trt_fp16_enable", "0");
        o.put("trt_max_workspace_size", Long.toString(2L << 30));
        if (cacheDirectory != null) {
            String dir = cacheDirectory.toAbsolutePath().toString();
            o.put("trt_engine_cache_enable", "1");
            o.put("trt_engine_cache_path", dir);
            o.put("trt_timing_cache_enable", "1");
            o.put("trt_timing_cache_path", dir);
        }
        return new ProviderVariant(OrtProvider.TENSOR_RT, o);
    }

    /** The variant's provider with default options (CPU, CUDA, TensorRT; others without options). */
    public static ProviderVariant defaultsFor(OrtProvider provider, Path cacheDirectory) {
        return switch (provider) {
            case CPU -> cpuDefaults();
            case CUDA -> cudaDefaults();
            case TENSOR_RT -> tensorRtDefaults(cacheDirectory);
            default -> new ProviderVariant(provider, Map.of());
        };
    }

    /** Short name a person reads: "CPU", "CUDA", "TensorRT". */
    public String providerName() {
        return displayName(provider);
    }

    /** The provider plus the options that tell rows apart, e.g. "CPU · 2 threads". */
    public String label() {
        String threads = options.get(INTRA_OP_THREADS);
        StringBuilder s = new StringBuilder(providerName());
        if (threads != null) {
            s.append(" · ").append(threads).append(threads.equals("1") ? " thread" : " threads");
        }
        if ("1".equals(options.get("trt_fp16_enable"))) {
            s.append(" · FP16");
        }
        if ("1".equals(options.get("trt_int8_enable"))) {
            s.append(" · INT8");
        }
        return s.toString();
    }

    /** Options as "key=value, ..." for tables and exports. */
    public String optionsText() {
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The name used in the CLI and JSON: cpu, cuda, tensorrt, or ONNX Runtime's lower-case name. */
    public static String cliName(OrtProvider provider) {
        return switch (provider) {
            case CPU -> "cpu";
            case CUDA -> "cuda";
            case TENSOR_RT -> "tensorrt";
            default -> provider.name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        };
    }

    public static String displayName(OrtProvider provider) {
        return switch (provider) {
            case CPU -> "CPU";
            case CUDA -> "CUDA";
            case TENSOR_RT -> "TensorRT";
            default -> provider.getName().replace("ExecutionProvider", "");
        };
    }

    /** Parses a CLI/JSON provider name (cpu, cuda, tensorrt, trt, or ONNX Runtime's names). */
    public static OrtProvider parseProvider(String name) throws BenchmarkException {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        for (OrtProvider p : OrtProvider.values()) {
            if (cliName(p).equals(n) || p.getName().equalsIgnoreCase(n) || p.name().equalsIgnoreCase(n)) {
                return p;
            }
        }
        if (n.equals("trt")) {
            return OrtProvider.TENSOR_RT;
        }
        throw new BenchmarkException("Unknown execution provider '" + name + "'. Use cpu, cuda or tensorrt.");
    }
}
