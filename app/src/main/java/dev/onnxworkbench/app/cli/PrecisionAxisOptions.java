package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precisionaxis.Precision;
import dev.onnxworkbench.models.precisionaxis.PrecisionCopies;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The precision axis of {@code bench} and {@code tune} ({@code @Mixin}): which copies to make, variants written
 * earlier, and INT8 static's calibration data (as {@code quantize --calibrate} takes it).
 */
final class PrecisionAxisOptions {
    @Option(names = "--precision", split = ",", paramLabel = "P",
            description = "precision axis: fp32,fp16,int8-dynamic,int8-static; copies are written to a temporary "
                    + "folder (the model is never touched), FP32 (the model) always first, outputs compared with "
                    + "FP32 on the CPU")
    List<String> precision;

    @Option(names = "--variant", paramLabel = "FILE.onnx",
            description = "a copy written earlier (e.g. by quantize or convert --keep-io-types) taking the same "
                    + "inputs, run beside FP32; repeatable")
    List<Path> variantFiles = new ArrayList<>();

    @Option(names = "--calibrate", paramLabel = "NAME=FILE|DIR",
            description = "calibration data for int8-static, as quantize takes it (default: the inputs given)")
    List<String> calibrate = new ArrayList<>();

    /** True when --precision or --variant asks for more than the model itself. */
    boolean asked() throws WorkbenchException {
        List<Precision> axis = axis();
        return axis.size() > 1 || !variantFiles.isEmpty();
    }

    /** FP32 first, then what --precision names; an unknown name or a --calibrate without int8-static is usage. */
    List<Precision> axis() throws WorkbenchException {
        List<Precision> axis;
        try {
            axis = Precision.parseAll(precision == null ? List.of() : precision);
        } catch (InvalidInputException e) {
            throw new OptionValueException(e.getMessage());
        }
        if (!calibrate.isEmpty() && !axis.contains(Precision.INT8_STATIC)) {
            throw new OptionValueException("--calibrate is for --precision int8-static, which is not asked for.");
        }
        return axis;
    }

    /** Writes the copies (the caller closes them, which deletes them); checked on {@code inputs}. */
    PrecisionCopies copies(Path model, Model parsed, InputOptions options, InputSet inputs, ModelVerifier verifier,
                           Progress progress) throws WorkbenchException {
        PrecisionData data = new PrecisionData();
        data.calibrate = calibrate;
        return PrecisionCopies.make(model, axis(), variantFiles, data.calibration(parsed, options), inputs.values(),
                verifier, progress);
    }
}
