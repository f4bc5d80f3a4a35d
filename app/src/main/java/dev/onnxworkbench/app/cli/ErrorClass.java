package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.BenchmarkException;
import dev.onnxworkbench.models.onnx.ModelReadException;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.InvalidSettingsException;
import dev.onnxworkbench.models.runtime.ModelLoadException;
import dev.onnxworkbench.models.runtime.ProviderUnavailableException;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.tensor.DataFileException;
import dev.onnxworkbench.models.tensor.TensorFormatException;
import dev.onnxworkbench.models.tensor.TensorTooLargeException;
import dev.onnxworkbench.models.tensor.UnsupportedValueException;

/**
 * The command line's exit codes, one per class of failure, decided in one place ({@link UserErrorHandler}) and
 * listed in {@code --help} and the README. The {@code code} is what {@code --json} failures carry:
 * {@code {"error": {"code": "badInput", "message": "…"}}}.
 */
enum ErrorClass {
    /** A check the verb ran did not pass (verify's outputs differ, every predict-batch row failed, …), or another failure the message explains. */
    FAILED(1, "failed"),
    /** The command line itself: an unknown option, a missing or malformed value, bad provider options or config. */
    USAGE(2, "usage"),
    /** A value or an input file that cannot become the tensor an input needs (range, NaN, category, shape, format). */
    BAD_INPUT(3, "badInput"),
    /** The model file cannot be read, or ONNX Runtime cannot load it. */
    MODEL_UNREADABLE(4, "modelUnreadable"),
    /** ONNX Runtime failed while running, or the provider asked for cannot be used here. */
    RUNTIME(5, "runtimeFailure"),
    /** A bug: anything that is not a user's mistake (the message names the exception to report). */
    INTERNAL(70, "internal");

    /** The lines {@code --help} ends with. */
    static final String HELP = "Exit codes: 0 success; 1 a check failed (or another failure the message explains); "
            + "2 usage (unknown option, bad option value); 3 bad input (a value, shape or input file); "
            + "4 model unreadable; 5 runtime failure (ONNX Runtime or the provider); 70 internal error. "
            + "With --json a failure is also printed as {\"error\": {\"code\", \"message\"}} on stdout.";

    final int exitCode;
    final String code;

    ErrorClass(int exitCode, String code) {
        this.exitCode = exitCode;
        this.code = code;
    }

    static ErrorClass of(Throwable error) {
        // A wrapper ("Cannot benchmark m.onnx: …") is of the class of what it wraps.
        if ((error.getClass() == WorkbenchException.class || error instanceof BenchmarkException)
                && error.getCause() instanceof WorkbenchException cause) {
            return of(cause);
        }
        return switch (error) {
            case InvalidInputException e -> BAD_INPUT;
            case TensorFormatException e -> BAD_INPUT;
            case DataFileException e -> BAD_INPUT;
            case UnsupportedValueException e -> BAD_INPUT;
            case TensorTooLargeException e -> BAD_INPUT;
            case ModelReadException e -> MODEL_UNREADABLE;
            case ModelLoadException e -> MODEL_UNREADABLE;
            case InferenceException e -> RUNTIME;
            case ProviderUnavailableException e -> RUNTIME;
            case BenchmarkException e -> RUNTIME;
            case InvalidSettingsException e -> USAGE;
            case OptionValueException e -> USAGE;
            case WorkbenchException e -> FAILED;
            default -> INTERNAL;
        };
    }
}
