package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.BenchmarkException;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.precisionaxis.Precision;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the compare view's settings say, as typed, and their translation into a {@link BenchmarkConfig}
 * with a message that names the field when something does not parse. No JavaFX here: unit-tested alone.
 *
 * @param cpuThreads comma-separated intra-op thread counts; one CPU row per value; blank = ONNX Runtime's choice
 * @param precisions the precision axis: FP32 (always) and the copies to make; every provider row runs each
 * @param calibrationFolder INT8 static's calibration data (a folder as {@code quantize --calibrate DIR} takes),
 *                          blank for the compared inputs
 * @param variantFiles      other .onnx files of the same model (a copy quantized elsewhere, an edited one), separated
 *                          by ';' or new lines: each becomes a row per provider, as {@code bench --variant}
 */
public record CompareForm(Set<ExecutionProvider> providers,
                          String cpuThreads, String optimizationLevel, String executionMode,
                          String cudaDevice, String cudnnSearch, boolean cudaTf32, String cudaMemoryMiB,
                          boolean trtFp16, boolean trtInt8, String trtWorkspaceMiB, boolean trtEngineCache,
                          boolean trtCudaFallback, Path trtCacheDirectory,
                          String warmup, boolean byDuration, String runs, String durationSeconds,
                          String batchSizes, boolean dynamicBatch, String seed, String absoluteTolerance,
                          String relativeTolerance, Set<Precision> precisions, String calibrationFolder,
                          String variantFiles) {

    /** Without a precision axis (FP32 only). */
    public CompareForm(Set<ExecutionProvider> providers,
                       String cpuThreads, String optimizationLevel, String executionMode,
                       String cudaDevice, String cudnnSearch, boolean cudaTf32, String cudaMemoryMiB,
                       boolean trtFp16, boolean trtInt8, String trtWorkspaceMiB, boolean trtEngineCache,
                       boolean trtCudaFallback, Path trtCacheDirectory,
                       String warmup, boolean byDuration, String runs, String durationSeconds,
                       String batchSizes, boolean dynamicBatch, String seed, String absoluteTolerance,
                       String relativeTolerance) {
        this(providers, cpuThreads, optimizationLevel, executionMode, cudaDevice, cudnnSearch, cudaTf32, cudaMemoryMiB,
                trtFp16, trtInt8, trtWorkspaceMiB, trtEngineCache, trtCudaFallback, trtCacheDirectory, warmup,
                byDuration, runs, durationSeconds, batchSizes, dynamicBatch, seed, absoluteTolerance,
                relativeTolerance, Set.of(Precision.FP32), "", "");
    }

    /** The variant files, in the order given; one that is not an existing .onnx file names itself. */
    public List<Path> variants() throws BenchmarkException {
        try {
            return PrecisionSources.variants(variantFiles);
        } catch (dev.onnxworkbench.models.runtime.inputs.InvalidInputException e) {
            throw new BenchmarkException(e.getMessage());
        }
    }

    /** FP32 first, then the ticked copies in the axis' order; just FP32 when none is ticked. */
    public List<Precision> precisionAxis() {
        List<Precision> axis = new ArrayList<>(List.of(Precision.FP32));
        for (Precision p : Precision.values()) {
            if (p != Precision.FP32 && precisions != null && precisions.contains(p)) {
                axis.add(p);
            }
        }
        return axis;
    }

    /** The calibration folder, or null for the compared inputs; a folder that is not there names itself. */
    public Path calibration() throws BenchmarkException {
        Path dir;
        try {
            dir = PrecisionSources.calibrationFolder(calibrationFolder);
        } catch (dev.onnxworkbench.models.runtime.inputs.InvalidInputException e) {
            throw new BenchmarkException(e.getMessage());
        }
        if (dir != null && !precisionAxis().contains(Precision.INT8_STATIC)) {
            throw new BenchmarkException("Calibration folder: it is for INT8 static, which is not ticked.");
        }
        return dir;
    }

    public BenchmarkConfig toConfig() throws BenchmarkException {
        if (providers.isEmpty()) {
            throw new BenchmarkException("Tick at least one provider to compare.");
        }
        List<ProviderVariant> variants = new ArrayList<>();
        for (ExecutionProvider p : ExecutionProvider.values()) {
            if (!providers.contains(p)) {
                continue;
            }
            ProviderSettings session = ProviderSettings.defaults(p)
                    .with(ProviderOption.GRAPH_OPTIMIZATION, optimizationLevel)
                    .with(ProviderOption.EXECUTION_MODE, executionMode);
            switch (p) {
                case CPU -> {
                    List<Integer> threads = integers(cpuThreads, "CPU threads", 0);
                    if (threads.isEmpty()) {
                        variants.add(new ProviderVariant(session));
                    }
                    for (int t : threads) {
                        variants.add(new ProviderVariant(session.with(ProviderOption.INTRA_OP_THREADS, Integer.toString(t))));
                    }
                }
                case CUDA -> {
                    ProviderSettings cuda = session
                            .with(ProviderOption.DEVICE_ID, Integer.toString(integer(cudaDevice, "GPU device", 0)))
                            .with(ProviderOption.CUDNN_CONV_ALGO_SEARCH, cudnnSearch)
                            .with(ProviderOption.USE_TF32, Boolean.toString(cudaTf32));
                    long limitMiB = integer(cudaMemoryMiB, "CUDA memory limit (MiB)", 0);
                    if (limitMiB > 0) { // 0 means no limit: leave ONNX Runtime's default
                        cuda = cuda.with(ProviderOption.GPU_MEM_LIMIT, Long.toString(limitMiB << 20));
                    }
                    variants.add(new ProviderVariant(cuda));
                }
                case TENSORRT -> {
                    ProviderSettings trt = session
                            .with(ProviderOption.DEVICE_ID, Integer.toString(integer(cudaDevice, "GPU device", 0)))
                            .with(ProviderOption.TRT_FP16, Boolean.toString(trtFp16))
                            .with(ProviderOption.TRT_INT8, Boolean.toString(trtInt8))
                            .with(ProviderOption.TRT_WORKSPACE, Long.toString(integer(trtWorkspaceMiB, "TensorRT workspace", 1) * (1L << 20)))
                            .with(ProviderOption.CUDA_FALLBACK, Boolean.toString(trtCudaFallback));
                    if (trtEngineCache && trtCacheDirectory != null) {
                        String dir = trtCacheDirectory.toAbsolutePath().toString();
                        trt = trt.with(ProviderOption.TRT_ENGINE_CACHE, "true").with(ProviderOption.TRT_ENGINE_CACHE_PATH, dir)
                                .with(ProviderOption.TRT_TIMING_CACHE, "true").with(ProviderOption.TRT_TIMING_CACHE_PATH, dir);
                    }
                    variants.add(new ProviderVariant(trt));
                }
            }
        }
        for (ProviderVariant v : variants) {
            try {
                v.settings().validated();
            } catch (dev.onnxworkbench.models.WorkbenchException e) {
                throw new BenchmarkException(e.getMessage(), e);
            }
        }
        int warm = integer(warmup, "Warm-up runs", 0);
        Duration duration = null;
        int timed = BenchmarkConfig.DEFAULT_RUNS;
        if (byDuration) {
            double seconds = decimal(durationSeconds, "Duration (s)");
            if (!(seconds > 0) || seconds > 3600) {
                throw new BenchmarkException("Duration (s): give a number of seconds between 0 and 3600, e.g. 2.");
            }
            duration = Duration.ofNanos((long) (seconds * 1e9));
        } else {
            timed = integer(runs, "Timed runs", 1);
        }
        List<Integer> batches = dynamicBatch ? integers(batchSizes, "Batch sizes", 1) : List.of(1);
        long inputSeed;
        try {
            inputSeed = Long.parseLong(seed.trim());
        } catch (NumberFormatException e) {
            throw new BenchmarkException("Seed: give a whole number, e.g. 42.");
        }
        double atol = decimal(absoluteTolerance, "Absolute tolerance");
        double rtol = decimal(relativeTolerance, "Relative tolerance");
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new BenchmarkException("Tolerances must be 0 or more.");
        }
        return new BenchmarkConfig(variants, warm, timed, duration, batches.isEmpty() ? List.of(1) : batches, inputSeed,
                new Tolerance(rtol, atol), true);
    }

    private static int integer(String text, String field, int min) throws BenchmarkException {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkException(field + ": give a whole number of " + min + " or more, not '" + text.trim() + "'.");
    }

    private static List<Integer> integers(String text, String field, int min) throws BenchmarkException {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int v = Integer.parseInt(part.trim());
                if (v >= min && !values.contains(v)) {
                    values.add(v);
                    continue;
                } else if (v >= min) {
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BenchmarkException(field + ": write whole numbers of " + min + " or more separated by commas, e.g. "
                    + (min == 0 ? "1, 2" : "1, 8, 32") + " ('" + part.trim() + "' is not one).");
        }
        return values;
    }

    private static double decimal(String text, String field) throws BenchmarkException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BenchmarkException(field + ": give a number, e.g. 1e-5, not '" + text.trim() + "'.");
        }
    }
}
