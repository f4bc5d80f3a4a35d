package dev.onnxworkbench.models.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import ai.onnxruntime.OrtException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that classifies provider failures and says what to install; {@link SessionFactory} and the
 * benchmark both use it. Classification goes by {@link OrtException#getCode()} first (an
 * {@code ORT_EP_FAIL} is the provider; an invalid or unsupported graph is the model), and only for the
 * generic codes ({@code ORT_FAIL}, {@code ORT_RUNTIME_EXCEPTION}, ...) by the loader's words.
 *
 * <p>Explains why a GPU provider could not load. ONNX Runtime's Java exception only says "Failed to
 * load shared library" (the loader's message goes to its log), so on Linux this asks the dynamic
 * loader itself, with {@code dlopen}, for each library the provider links against and reports the
 * first loader message verbatim plus every missing library and what to install.
 */
public final class ProviderDiagnosis {
    private static final int RTLD_LAZY = 1;

    /**
     * The provider libraries' own dependencies (DT_NEEDED of ONNX Runtime 1.29's
     * libonnxruntime_providers_cuda.so / _tensorrt.so) plus cuDNN, which the CUDA provider opens at
     * run time; each with the package that provides it.
     */
    private static final Map<String, String> CUDA_LIBRARIES = orderedMap(
            "libcublasLt.so.12", "CUDA 12 cuBLAS",
            "libcublas.so.12", "CUDA 12 cuBLAS",
            "libcurand.so.10", "CUDA 12 cuRAND",
            "libcudart.so.12", "CUDA 12 runtime",
            "libcuda.so.1", "NVIDIA driver",
            "libcudnn.so.9", "cuDNN 9");
    private static final Map<String, String> TENSORRT_LIBRARIES = orderedMap(
            "libcublas.so.12", "CUDA 12 cuBLAS",
            "libnvinfer.so.10", "TensorRT 10",
            "libnvonnxparser.so.10", "TensorRT 10 ONNX parser",
            "libcudart.so.12", "CUDA 12 runtime",
            "libcudnn.so.9", "cuDNN 9",
            "libcuda.so.1", "NVIDIA driver");

    private ProviderDiagnosis() {}

    /**
     * True when a session failure means the provider cannot run here at all (its libraries, driver
     * or GPU are missing) rather than that this model is a problem for it.
     */
    public static boolean isLoadFailure(ExecutionProvider provider, String onnxRuntimeMessage) {
        if (provider == ExecutionProvider.CPU) {
            return false;
        }
        String m = String.valueOf(onnxRuntimeMessage);
        return m.contains("Failed to load") || m.contains("cannot open shared object")
                || m.contains("no CUDA-capable device") || m.contains("CUDA driver version is insufficient")
                || m.contains("CUDA failure 100") || m.contains("CUDA failure 35")
                || m.contains("libonnxruntime_providers_") || m.contains("nvinfer");
    }

    /**
     * True when a failure while adding the provider or creating a session means the provider cannot run here
     * (its libraries, driver or GPU are missing), false when the model is the problem. By error code first.
     */
    public static boolean isLoadFailure(ExecutionProvider provider, Throwable failure) {
        if (provider == ExecutionProvider.CPU) {
            return false;
        }
        if (failure instanceof UnsatisfiedLinkError || failure instanceof ProviderUnavailableException) {
            return true;
        }
        if (failure instanceof OrtException ort) {
            switch (ort.getCode()) {
                case ORT_EP_FAIL:
                    return true;
                case ORT_NOT_IMPLEMENTED, ORT_INVALID_GRAPH, ORT_INVALID_PROTOBUF, ORT_NO_MODEL, ORT_MODEL_LOADED,
                     ORT_INVALID_ARGUMENT:
                    return false;
                default:
                    break; // ORT_FAIL, ORT_RUNTIME_EXCEPTION, ORT_ENGINE_ERROR...: only the words tell
            }
        }
        return isLoadFailure(provider, failure.getMessage());
    }

    /** {@link #explain(ExecutionProvider, String)} for a thrown failure. */
    public static String explain(ExecutionProvider provider, Throwable failure) {
        if (failure instanceof ProviderUnavailableException p) {
            return explain(provider, p.loaderMessage());
        }
        return explain(provider, failure.getMessage());
    }

    /** A failure's message without ONNX Runtime's code prefix and C++ source location. */
    public static String message(Throwable failure) {
        if (failure.getMessage() == null) {
            return failure.getClass().getSimpleName();
        }
        return failure instanceof OrtException ? OrtMessages.clean(failure.getMessage()) : failure.getMessage().strip();
    }

    /**
     * Asks the dynamic loader for every library the provider needs; a reason naming the missing ones
     * (with the loader's own message for the first) when any is missing, empty when all load or there
     * is no loader to ask. Cheap (no session, nothing unpacked), so the probe asks this first.
     */
    public static Optional<String> missingLibraries(ExecutionProvider provider, String onnxRuntimeMessage) {
        if (!(provider != ExecutionProvider.CPU)) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        String firstLoaderMessage = null;
        Map<String, String> libraries = provider == ExecutionProvider.CUDA ? CUDA_LIBRARIES : TENSORRT_LIBRARIES;
        for (var library : libraries.entrySet()) {
            Optional<String> error = Loader.tryLoad(library.getKey());
            if (error == null) {
                return Optional.empty(); // no loader to ask on this platform
            }
            if (error.isPresent()) {
                missing.add(library.getKey() + " (" + library.getValue() + ")");
                if (firstLoaderMessage == null) {
                    firstLoaderMessage = error.get();
                }
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder(provider.displayName()).append(" is unavailable: ").append(firstLoaderMessage);
        if (onnxRuntimeMessage != null) {
            reason.append(" (ONNX Runtime: ").append(firstLine(onnxRuntimeMessage.strip())).append(')');
        }
        reason.append(". Missing: ").append(String.join(", ", missing)).append('.').append(advice(provider));
        return Optional.of(reason.toString());
    }

    /** A sentence or three a person can act on, for a provider whose session could not be created. */
    public static String explain(ExecutionProvider provider, String onnxRuntimeMessage) {
        String ortMessage = onnxRuntimeMessage == null ? "unknown reason" : onnxRuntimeMessage.strip();
        if (!(provider != ExecutionProvider.CPU)) {
            return provider.displayName() + " could not create a session: " + ortMessage;
        }
        Optional<String> missing = missingLibraries(provider, ortMessage);
        if (missing.isPresent()) {
            return missing.get();
        }
        StringBuilder reason = new StringBuilder(provider.displayName()).append(" is unavailable: ONNX Runtime said: ")
                .append(firstLine(ortMessage)).append('.');
        if (ortMessage.contains("no CUDA-capable device") || ortMessage.contains("CUDA failure 100")) {
            reason.append(" No NVIDIA GPU was found.");
        } else if (ortMessage.contains("driver version is insufficient") || ortMessage.contains("CUDA failure 35")) {
            reason.append(" The NVIDIA driver is older than CUDA 12 needs.");
        }
        return reason.append(advice(provider)).toString();
    }

    private static String advice(ExecutionProvider provider) {
        return " " + installAdvice(provider);
    }

    /** What to install for a provider, with the platform's library path variable. */
    public static String installAdvice(ExecutionProvider provider) {
        return switch (provider) {
            case CPU -> "The CPU provider is part of ONNX Runtime itself; reinstall ONNX Workbench.";
            case CUDA -> "Install an NVIDIA driver, CUDA 12 (cuBLAS/cuBLASLt, cuFFT, cuRAND, runtime) and cuDNN 9, "
                    + "and put them on the library path (" + libraryPathVariable() + ").";
            case TENSORRT -> "Install an NVIDIA driver, CUDA 12 (cuBLAS, runtime), cuDNN 9 and TensorRT 10 "
                    + "(libnvinfer), and put them on the library path (" + libraryPathVariable() + ").";
        };
    }

    private static String libraryPathVariable() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("win") ? "PATH" : os.contains("mac") ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline >= 0 ? text.substring(0, newline) : text;
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** dlopen/dlerror through the FFM API; null answers mean "no dynamic loader to ask" (Windows, or no access). */
    @SuppressWarnings("restricted") // dlopen/dlerror through FFM; the launcher enables native access
    private static final class Loader {
        private static final MethodHandle DLOPEN;
        private static final MethodHandle DLERROR;
        private static final MethodHandle DLCLOSE;

        static {
            MethodHandle open = null;
            MethodHandle error = null;
            MethodHandle close = null;
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                try {
                    Linker linker = Linker.nativeLinker();
                    var lookup = linker.defaultLookup();
                    open = linker.downcallHandle(lookup.find("dlopen").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
                    error = linker.downcallHandle(lookup.find("dlerror").orElseThrow(), FunctionDescriptor.of(ADDRESS));
                    close = linker.downcallHandle(lookup.find("dlclose").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
                } catch (RuntimeException | Error e) {
                    open = null;
                }
            }
            DLOPEN = open;
            DLERROR = error;
            DLCLOSE = close;
        }

        /** Empty when the library loads, the loader's message when it does not, null when there is no loader to ask. */
        static Optional<String> tryLoad(String soname) {
            if (DLOPEN == null) {
                return null;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment handle = (MemorySegment) DLOPEN.invokeExact(arena.allocateFrom(soname), RTLD_LAZY);
                if (!handle.equals(MemorySegment.NULL)) {
                    int ignored = (int) DLCLOSE.invokeExact(handle);
                    return Optional.empty();
                }
                MemorySegment message = (MemorySegment) DLERROR.invokeExact();
                return Optional.of(message.equals(MemorySegment.NULL) ? soname + ": cannot be loaded"
                        : message.reinterpret(4096).getString(0));
            } catch (Throwable t) {
                return null;
            }
        }
    }
}
