package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One row of a comparison: a provider with the settings it runs with. The same provider may appear
 * several times with different settings (CPU with 1 and with 2 threads); the label tells them apart.
 */
public record ProviderVariant(ProviderSettings settings) {

    public ExecutionProvider provider() {
        return settings.provider();
    }

    /** The options given explicitly (the rest are the provider's defaults). */
    public Map<String, String> options() {
        return new TreeMap<>(settings.options());
    }

    public static ProviderVariant cpu(int intraOpThreads) {
        return new ProviderVariant(ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, Integer.toString(intraOpThreads)));
    }

    public static ProviderVariant cpuDefaults() {
        return new ProviderVariant(ProviderSettings.cpu());
    }

    public static ProviderVariant cudaDefaults() {
        return new ProviderVariant(ProviderSettings.defaults(ExecutionProvider.CUDA));
    }

    /** TensorRT with its engine and timing caches in {@code cacheDirectory}, so a second session builds in seconds. */
    public static ProviderVariant tensorRtDefaults(Path cacheDirectory) {
        ProviderSettings s = ProviderSettings.defaults(ExecutionProvider.TENSORRT);
        if (cacheDirectory != null) {
            String dir = cacheDirectory.toAbsolutePath().toString();
            s = s.with(ProviderOption.TRT_ENGINE_CACHE, "true").with(ProviderOption.TRT_ENGINE_CACHE_PATH, dir)
                    .with(ProviderOption.TRT_TIMING_CACHE, "true").with(ProviderOption.TRT_TIMING_CACHE_PATH, dir);
        }
        return new ProviderVariant(s);
    }

    public static ProviderVariant defaultsFor(ExecutionProvider provider, Path tensorRtCache) {
        return switch (provider) {
            case CPU -> cpuDefaults();
            case CUDA -> cudaDefaults();
            case TENSORRT -> tensorRtDefaults(tensorRtCache);
        };
    }

    /** Short name a person reads: "CPU", "CUDA", "TensorRT". */
    public String providerName() {
        return provider().displayName();
    }

    /** The provider plus the options that tell rows apart, e.g. "CPU · 2 threads", "TensorRT · FP16". */
    public String label() {
        StringBuilder s = new StringBuilder(providerName());
        if (settings.has(ProviderOption.INTRA_OP_THREADS)) {
            String threads = settings.option(ProviderOption.INTRA_OP_THREADS);
            s.append(" · ").append(threads.equals("0") ? "auto" : threads).append(threads.equals("1") ? " thread" : " threads");
        }
        if (settings.has(ProviderOption.GRAPH_OPTIMIZATION) && !settings.option(ProviderOption.GRAPH_OPTIMIZATION).equals("all")) {
            s.append(" · opt ").append(settings.option(ProviderOption.GRAPH_OPTIMIZATION));
        }
        if (settings.option(ProviderOption.EXECUTION_MODE).equalsIgnoreCase("parallel")) {
            s.append(" · parallel");
        }
        if (isTrue(settings.options().get(ProviderOption.TRT_FP16))) {
            s.append(" · FP16");
        }
        if (isTrue(settings.options().get(ProviderOption.TRT_INT8))) {
            s.append(" · INT8");
        }
        return s.toString();
    }

    private static boolean isTrue(String v) {
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    /** Explicit options as "key=value, ..." for tables and exports. */
    public String optionsText() {
        return options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The name used in the CLI and JSON: cpu, cuda, tensorrt. */
    public static String cliName(ExecutionProvider provider) {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    /** Parses a CLI/JSON provider name (cpu, cuda, tensorrt, trt, or ONNX Runtime's names). */
    public static ExecutionProvider parseProvider(String name) throws BenchmarkException {
        return ExecutionProvider.parse(name).orElseThrow(() ->
                new BenchmarkException("Unknown execution provider '" + name + "'. Use cpu, cuda or tensorrt."));
    }
}
