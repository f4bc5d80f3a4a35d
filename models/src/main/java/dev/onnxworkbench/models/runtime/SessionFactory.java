package dev.onnxworkbench.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.onnxworkbench.models.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens ONNX Runtime sessions with a provider and its options. Prepares the native libraries first
 * (see {@link NativeLibraries}), so create this before anything else touches ONNX Runtime.
 * Thread-safe; sessions it returns are the caller's to close.
 */
public final class SessionFactory {
    private static final Pattern LIBRARY = Pattern.compile("(lib[\\w.+-]+\\.so(?:\\.\\d+)*|[\\w.+-]+\\.dll)");

    private final NativeLibraries natives;
    private volatile OrtEnvironment env;

    public SessionFactory(NativeLibraries natives) {
        this.natives = natives;
    }

    /** A factory whose native libraries live in the default per-user data folder. */
    public static SessionFactory withDefaults() {
        return new SessionFactory(NativeLibraries.inDefaultLocation());
    }

    /** ONNX Runtime's environment (created once per process, after the native libraries are prepared). */
    public OrtEnvironment environment() throws WorkbenchException {
        OrtEnvironment e = env;
        if (e == null) {
            synchronized (this) {
                if (env == null) {
                    natives.prepare();
                    env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "onnx-workbench");
                    natives.removeEmptyOrtTempDirectory();
                }
                e = env;
            }
        }
        return e;
    }

    /** The providers this ONNX Runtime build includes (not whether their libraries load here). */
    public Set<ExecutionProvider> compiledProviders() throws WorkbenchException {
        environment();
        EnumSet<ExecutionProvider> out = EnumSet.noneOf(ExecutionProvider.class);
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        if (available.contains(OrtProvider.CPU)) {
            out.add(ExecutionProvider.CPU);
        }
        if (available.contains(OrtProvider.CUDA)) {
            out.add(ExecutionProvider.CUDA);
        }
        if (available.contains(OrtProvider.TENSOR_RT)) {
            out.add(ExecutionProvider.TENSORRT);
        }
        return out;
    }

    /** ONNX Runtime's version, e.g. "1.29.0". */
    public String ortVersion() throws WorkbenchException {
        return environment().getVersion();
    }

    /**
     * Opens a session for the model file on the chosen provider.
     *
     * @throws ProviderUnavailableException the provider's libraries do not load here (with ORT's message)
     * @throws ModelLoadException           the file is not a model ORT accepts, or uses an op it cannot run
     * @throws InvalidSettingsException     an option that does not exist or a value it does not take
     */
    public ModelSession open(Path model, ProviderSettings settings) throws WorkbenchException {
        return open(model, settings, SessionCustomizer.NONE);
    }

    /**
     * Like {@link #open(Path, ProviderSettings)}, with extra session options (profiling for the benchmark's
     * node placement, a symbolic dimension value, ...) applied after the settings.
     */
    public ModelSession open(Path model, ProviderSettings settings, SessionCustomizer customizer)
            throws WorkbenchException {
        settings.validated();
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("The model file " + model + " does not exist or is not a file.", false, null);
        }
        OrtEnvironment environment = environment();
        natives.prepareProvider(settings.provider());
        long start = System.nanoTime();
        try (SessionOptions options = sessionOptions(settings)) {
            customizer.customize(options);
            OrtSession session;
            try {
                session = environment.createSession(model.toString(), options);
            } catch (OrtException e) {
                if (ProviderDiagnosis.isLoadFailure(settings.provider(), e)) {
                    throw unavailable(settings.provider(), e.getMessage(), e);
                }
                boolean unsupported = e.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED;
                throw new ModelLoadException("ONNX Runtime could not load " + model.getFileName() + ": "
                        + oneLine(e.getMessage()), unsupported, e);
            }
            long created = System.nanoTime() - start;
            try {
                return new ModelSession(environment, session, model, settings, created);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw new ModelLoadException("ONNX Runtime could not describe the inputs of " + model.getFileName()
                        + ": " + oneLine(e.getMessage()), true, e);
            }
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime could not load " + model.getFileName() + ": "
                    + oneLine(e.getMessage()), false, e);
        }
    }

    /**
     * The ONNX Runtime session options for the settings (threads, optimization, execution mode, provider
     * with its options); the caller closes them. Public for the benchmark, which times session creation
     * itself and adds the profiler. Adding CUDA or TensorRT is where a machine without the NVIDIA libraries
     * fails, with an {@link OrtException}.
     */
    public SessionOptions sessionOptions(ProviderSettings settings) throws WorkbenchException, OrtException {
        settings.validated();
        SessionOptions options = new SessionOptions();
        try {
            // Failures reach the user as exceptions with ORT's message; its own stderr log would say it twice.
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            options.setIntraOpNumThreads(Integer.parseInt(settings.option(ProviderOption.INTRA_OP_THREADS)));
            options.setInterOpNumThreads(Integer.parseInt(settings.option(ProviderOption.INTER_OP_THREADS)));
            options.setOptimizationLevel(switch (settings.option(ProviderOption.GRAPH_OPTIMIZATION)
                    .toLowerCase(Locale.ROOT)) {
                case "disable" -> SessionOptions.OptLevel.NO_OPT;
                case "basic" -> SessionOptions.OptLevel.BASIC_OPT;
                case "extended" -> SessionOptions.OptLevel.EXTENDED_OPT;
                default -> SessionOptions.OptLevel.ALL_OPT;
            });
            options.setExecutionMode(settings.option(ProviderOption.EXECUTION_MODE).equalsIgnoreCase("parallel")
                    ? SessionOptions.ExecutionMode.PARALLEL : SessionOptions.ExecutionMode.SEQUENTIAL);
            switch (settings.provider()) {
                case CPU -> { }
                case CUDA -> addCuda(options, settings);
                case TENSORRT -> addTensorRt(options, settings);
            }
            return options;
        } catch (WorkbenchException | OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private void addCuda(SessionOptions options, ProviderSettings settings) throws WorkbenchException {
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(
                Integer.parseInt(settings.option(ProviderOption.DEVICE_ID)))) {
            for (String key : new String[] {ProviderOption.CUDNN_CONV_ALGO_SEARCH, ProviderOption.USE_TF32,
                                            ProviderOption.GPU_MEM_LIMIT}) {
                if (settings.has(key)) {
                    cuda.add(key, ortValue(settings.option(key)));
                }
            }
            options.addCUDA(cuda);
        } catch (OrtException | UnsatisfiedLinkError e) {
            throw unavailable(ExecutionProvider.CUDA, e.getMessage(), e);
        }
    }

    private void addTensorRt(SessionOptions options, ProviderSettings settings) throws WorkbenchException {
        int device = Integer.parseInt(settings.option(ProviderOption.DEVICE_ID));
        try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(device)) {
            for (String key : new String[] {ProviderOption.TRT_FP16, ProviderOption.TRT_INT8,
                                            ProviderOption.TRT_WORKSPACE, ProviderOption.TRT_ENGINE_CACHE,
                                            ProviderOption.TRT_ENGINE_CACHE_PATH, ProviderOption.TRT_TIMING_CACHE,
                                            ProviderOption.TRT_TIMING_CACHE_PATH}) {
                if (settings.has(key)) {
                    trt.add(key, ortValue(settings.option(key)));
                }
            }
            options.addTensorrt(trt);
        } catch (OrtException | UnsatisfiedLinkError e) {
            throw unavailable(ExecutionProvider.TENSORRT, e.getMessage(), e);
        }
        if (settings.flag(ProviderOption.CUDA_FALLBACK)) {
            // Nodes TensorRT does not take go to CUDA, then the CPU: providers are tried in the order added.
            addCuda(options, settings);
        }
    }

    /** ORT's provider options want "1"/"0" for booleans. */
    private static String ortValue(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> "1";
            case "false" -> "0";
            default -> value.trim();
        };
    }

    static ProviderUnavailableException unavailable(ExecutionProvider provider, String message, Throwable cause) {
        String library = missingLibrary(message);
        String advice = (library == null || provider == ExecutionProvider.CPU ? ""
                : "The library " + library + " could not be loaded. ") + ProviderDiagnosis.installAdvice(provider);
        return new ProviderUnavailableException(provider, OrtMessages.clean(message), advice, cause);
    }

    /** The first shared library named in a loader message, e.g. "libcublasLt.so.12". */
    static String missingLibrary(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = LIBRARY.matcher(message);
        String last = null;
        while (m.find()) {
            String found = m.group(1);
            // ORT names its own provider library first ("Failed to load libonnxruntime_providers_cuda.so with
            // error: libcublasLt.so.12: cannot open ..."): the useful one is the dependency it could not load.
            if (!found.contains("onnxruntime")) {
                return found;
            }
            last = found;
        }
        return last;
    }

    private static String oneLine(String message) {
        return OrtMessages.clean(message);
    }
}
