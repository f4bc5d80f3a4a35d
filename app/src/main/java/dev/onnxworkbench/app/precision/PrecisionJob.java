package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.models.TemporaryFolders;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.AccuracyEvaluator;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.precision.CalibrationMethod;
import dev.onnxworkbench.models.precision.DynamicQuantizer;
import dev.onnxworkbench.models.precision.Fp16Converter;
import dev.onnxworkbench.models.precision.Fp16Options;
import dev.onnxworkbench.models.precision.Fp16Report;
import dev.onnxworkbench.models.precision.LayerErrors;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precision.QuantizationReport;
import dev.onnxworkbench.models.precision.QuantizeOptions;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.precision.StaticQuantizer;
import dev.onnxworkbench.models.precision.TaskLabels;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The background half of the window: the same flow as the {@code quantize} / {@code convert} verbs (write a copy,
 * check it, accuracy against the original, per-layer error), into a scratch file. Plain Java, no JavaFX.
 *
 * @param evaluation   the evaluation folder, or null for the Predict form's inputs
 * @param labels       the user's labels for the evaluation folder (class indices or boxes), or null for none
 * @param calibration  the calibration folder (static INT8 only)
 * @param formInputs   the Predict form's input set, read on the FX thread, built here
 * @param media        how pictures and recordings in the folders become tensors: the Predict form's settings
 */
record PrecisionJob(Path model, PrecisionMode mode, CalibrationMethod method, boolean perChannel,
                    Set<String> exclude, Path calibration, Path evaluation, Path labels, Callable<InputSet> formInputs,
                    SampleSet.Media media, ModelVerifier verifier) {

    /** Why a labels file alone is refused: labels name the evaluation folder's samples or pictures. */
    static final String LABELS_NEED_A_FOLDER = "Labels are scored on an evaluation folder: choose the folder the "
            + "labels describe, or Clear the labels file.";

    PrecisionResult run(Progress progress, BooleanSupplier cancelled) throws Exception {
        Progress checked = (message, done, total) -> {
            stopIfCancelled(cancelled);
            progress.update(message, done, total);
        };
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("The model file " + model + " does not exist or is not a file.");
        }
        if (labels != null && evaluation == null) {
            throw new InvalidInputException(LABELS_NEED_A_FOLDER);
        }
        // Read before the conversion: a bad line is told at once, not after minutes of calibration.
        TaskLabels taskLabels = labels == null ? null : TaskLabels.read(labels);
        Model parsed = new OnnxReader().read(model);
        SampleSet evaluationSet = evaluation == null ? given(parsed) : folder(parsed, evaluation, "evaluation");
        Path dir = TemporaryFolders.create("onnx-workbench-precision"); // the result waits there for Save As…
        Path out = dir.resolve(stem(model) + (mode == PrecisionMode.FP16 ? ".fp16.onnx" : ".int8.onnx"));
        List<String> summary = new ArrayList<>();
        List<String> quantizedNodes = List.of();
        List<QuantizationReport.Kept> kept = new ArrayList<>();
        long before;
        long after;
        switch (mode) {
            case FP16 -> {
                checked.update("Converting to FP16", 0, 3);
                Fp16Report r = new Fp16Converter(verifier).convert(model, out, new Fp16Options(false, exclude),
                        evaluationSet.sample(0));
                requireOk(r.check().ok(), r.check().message());
                summary.add(String.format("Converted %d initializers and %d Constant values; %d values clamped to "
                        + "±65504, %d tiny values raised to ±1e-7.", r.initializers(), r.constants(), r.clamped(),
                        r.flushed()));
                r.blocked().forEach((op, n) -> {
                    summary.add("Kept in FP32 (Casts around it): " + op + " ×" + n);
                    kept.add(new QuantizationReport.Kept(op, n, "kept in FP32, Casts around it"));
                });
                if (!r.rangeBlocked().isEmpty()) {
                    summary.add("Kept in FP32, a weight exceeds float16's range: " + String.join(", ", r.rangeBlocked()));
                }
                summary.add("Casts inserted: " + r.castsInserted());
                summary.add("Check: " + r.check().message());
                before = r.bytesBefore();
                after = r.bytesAfter();
            }
            default -> {
                QuantizeOptions options = new QuantizeOptions(method, perChannel, false, exclude, 99.999);
                QuantizationReport r;
                if (mode.isStatic()) {
                    if (calibration == null) {
                        throw new InvalidInputException("Static INT8 needs a calibration folder: samples like the "
                                + "ones the model will see.");
                    }
                    SampleSet calibrationSet = folder(parsed, calibration, "calibration");
                    r = new StaticQuantizer(verifier).quantize(model, out, options, calibrationSet, checked);
                } else {
                    checked.update("Quantizing weights", 0, 3);
                    r = new DynamicQuantizer(verifier).quantize(model, out, options, evaluationSet.sample(0));
                }
                requireOk(r.check().ok(), r.check().message());
                summary.addAll(lines(r));
                quantizedNodes = r.quantizedNodes();
                kept.addAll(r.kept());
                before = r.bytesBefore();
                after = r.bytesAfter();
            }
        }
        stopIfCancelled(cancelled);
        AccuracyReport accuracy = new AccuracyEvaluator(verifier).evaluate(model, out, evaluationSet, taskLabels,
                checked);
        List<dev.onnxworkbench.models.diverge.TensorDivergence> layers = mode == PrecisionMode.FP16 ? List.of()
                : LayerErrors.byMeanError(new LayerErrors(verifier).measure(model, out, evaluationSet.sample(0),
                List.of(), checked));
        return new PrecisionResult(model, out, mode, summary, before, after, accuracy, layers, List.copyOf(exclude),
                evaluationSet.description(), quantizedNodes, kept, labels);
    }

    private static void stopIfCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    private static void requireOk(boolean ok, String message) throws WorkbenchException {
        if (!ok) {
            throw new WorkbenchException(message);
        }
    }

    private SampleSet folder(Model parsed, Path dir, String what) throws WorkbenchException {
        try {
            return SampleSet.fromDirectory(InputSpecs.derive(parsed), parsed.graph(), dir, media);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("The " + what + " folder: " + e.getMessage());
        }
    }

    /** Without an evaluation folder: the Predict form's inputs, or random values (seed 42, batch 1). */
    private SampleSet given(Model parsed) throws Exception {
        InputSet set;
        try {
            set = formInputs.call();
        } catch (InvalidInputException formNotFilled) {
            set = InputSet.builder(parsed).randomFill(42).defaultBatch(1).build();
        }
        return SampleSet.of(InputSpecs.derive(parsed), List.of(set.values()), "the inputs (" + set.summary()
                + "; choose an evaluation folder to measure on your data)");
    }

    private static List<String> lines(QuantizationReport r) {
        List<String> out = new ArrayList<>();
        out.add(String.format("INT8 %s, %s weights%s", r.mode(), r.options().perChannel() ? "per-channel" : "per-tensor",
                r.calibration().isEmpty() ? "" : "; calibration: " + r.calibration()));
        out.add("Quantized " + r.quantizedCount() + " nodes: " + String.join(", ", r.quantized().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " ×" + e.getValue()).toList()));
        for (QuantizationReport.Kept k : r.kept()) {
            out.add("Kept in float: " + k.opType() + " ×" + k.count() + " — " + k.reason());
        }
        if (!r.excludedNodes().isEmpty()) {
            out.add("Kept in float by you: " + String.join(", ", r.excludedNodes()));
        }
        out.add("Weights quantized: " + r.weights());
        out.add("Check: " + r.check().message());
        r.notes().forEach(n -> out.add("Note: " + n));
        return out;
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }

    static void copy(Path from, Path to, Path original) throws IOException, InvalidInputException {
        if (Files.exists(to) && Files.isSameFile(to, original)) {
            throw new InvalidInputException("Save As: " + to.getFileName() + " is the original model; choose another "
                    + "file (the original is never overwritten).");
        }
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
