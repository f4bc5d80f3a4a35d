package dev.onnxworkbench.models.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One setting a provider understands: its key (ONNX Runtime's own name where there is one), what it
 * does, the values it takes and the default used when it is not given.
 *
 * @param choices allowed values, or empty for free numbers/paths
 */
public record ProviderOption(String key, String description, List<String> choices, String defaultValue,
                             Kind kind) {

    /** How a value is checked. */
    public enum Kind { INTEGER, BOOLEAN, CHOICE, PATH }

    public ProviderOption {
        choices = List.copyOf(choices);
    }

    // Session-level options: every provider's session has them.
    public static final String INTRA_OP_THREADS = "intra_op_num_threads";
    public static final String INTER_OP_THREADS = "inter_op_num_threads";
    public static final String GRAPH_OPTIMIZATION = "graph_optimization_level";
    public static final String EXECUTION_MODE = "execution_mode";
    // CUDA (ONNX Runtime's CUDA provider option names).
    public static final String DEVICE_ID = "device_id";
    public static final String CUDNN_CONV_ALGO_SEARCH = "cudnn_conv_algo_search";
    public static final String USE_TF32 = "use_tf32";
    public static final String GPU_MEM_LIMIT = "gpu_mem_limit";
    // TensorRT (ONNX Runtime's TensorRT provider option names, plus the CUDA fallback switch).
    public static final String TRT_FP16 = "trt_fp16_enable";
    public static final String TRT_INT8 = "trt_int8_enable";
    public static final String TRT_WORKSPACE = "trt_max_workspace_size";
    public static final String TRT_ENGINE_CACHE = "trt_engine_cache_enable";
    public static final String TRT_ENGINE_CACHE_PATH = "trt_engine_cache_path";
    public static final String TRT_TIMING_CACHE = "trt_timing_cache_enable";
    public static final String TRT_TIMING_CACHE_PATH = "trt_timing_cache_path";
    /** Not an ORT option: whether nodes TensorRT cannot take run on CUDA (true) or only on the CPU. */
    public static final String CUDA_FALLBACK = "cuda_fallback";

    static List<ProviderOption> session() {
        return List.of(
                new ProviderOption(INTRA_OP_THREADS, "Threads used inside one operator (0 = one per core).",
                        List.of(), "0", Kind.INTEGER),
                new ProviderOption(INTER_OP_THREADS, "Threads running independent operators in parallel mode "
                        + "(0 = default).", List.of(), "0", Kind.INTEGER),
                new ProviderOption(GRAPH_OPTIMIZATION, "How much ONNX Runtime rewrites the graph before running.",
                        List.of("disable", "basic", "extended", "all"), "all", Kind.CHOICE),
                new ProviderOption(EXECUTION_MODE, "Run operators one after another or independent ones in "
                        + "parallel.", List.of("sequential", "parallel"), "sequential", Kind.CHOICE));
    }

    static List<ProviderOption> forProvider(ExecutionProvider provider) {
        List<ProviderOption> options = new ArrayList<>(session());
        switch (provider) {
            case CPU -> { }
            case CUDA -> options.addAll(cuda());
            case TENSORRT -> {
                options.add(new ProviderOption(DEVICE_ID, "GPU to run on.", List.of(), "0", Kind.INTEGER));
                options.add(new ProviderOption(TRT_FP16, "Let TensorRT use float16 kernels.", List.of(), "false",
                        Kind.BOOLEAN));
                options.add(new ProviderOption(TRT_INT8, "Let TensorRT use int8 kernels (needs calibration).",
                        List.of(), "false", Kind.BOOLEAN));
                options.add(new ProviderOption(TRT_WORKSPACE, "Workspace TensorRT may use while building, in bytes.",
                        List.of(), "1073741824", Kind.INTEGER));
                options.add(new ProviderOption(TRT_ENGINE_CACHE, "Keep built engines on disk so the next session "
                        + "starts fast.", List.of(), "false", Kind.BOOLEAN));
                options.add(new ProviderOption(TRT_ENGINE_CACHE_PATH, "Folder for cached engines.", List.of(), "",
                        Kind.PATH));
                options.add(new ProviderOption(TRT_TIMING_CACHE, "Keep kernel timings on disk to speed up builds.",
                        List.of(), "false", Kind.BOOLEAN));
                options.add(new ProviderOption(TRT_TIMING_CACHE_PATH, "Folder for the timing cache.", List.of(), "",
                        Kind.PATH));
                options.add(new ProviderOption(CUDA_FALLBACK, "Run nodes TensorRT cannot take on CUDA instead of "
                        + "the CPU.", List.of(), "true", Kind.BOOLEAN));
            }
        }
        return List.copyOf(options);
    }

    private static List<ProviderOption> cuda() {
        return List.of(
                new ProviderOption(DEVICE_ID, "GPU to run on.", List.of(), "0", Kind.INTEGER),
                new ProviderOption(CUDNN_CONV_ALGO_SEARCH, "How cuDNN picks convolution algorithms.",
                        List.of("EXHAUSTIVE", "HEURISTIC", "DEFAULT"), "EXHAUSTIVE", Kind.CHOICE),
                new ProviderOption(USE_TF32, "Allow TF32 math on Ampere and newer GPUs.", List.of(), "true",
                        Kind.BOOLEAN),
                new ProviderOption(GPU_MEM_LIMIT, "Most GPU memory the CUDA arena may take, in bytes "
                        + "(0 = no limit).", List.of(), "0", Kind.INTEGER));
    }
}
