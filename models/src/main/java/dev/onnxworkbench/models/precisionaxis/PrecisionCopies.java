package dev.onnxworkbench.models.precisionaxis;

import dev.onnxworkbench.models.TemporaryFolders;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.Int8Facts;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.optimize.GraphOptimizer;
import dev.onnxworkbench.models.precision.CalibrationMethod;
import dev.onnxworkbench.models.precision.DynamicQuantizer;
import dev.onnxworkbench.models.precision.Fp16Converter;
import dev.onnxworkbench.models.precision.Fp16Options;
import dev.onnxworkbench.models.precision.Fp16Report;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precision.QuantizationReport;
import dev.onnxworkbench.models.precision.QuantizeOptions;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.precision.StaticQuantizer;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The precision axis of Compare and Tune: copies of a model at FP16, INT8 dynamic and INT8 static, written by the
 * precision package's converters into a temporary folder (the original is never touched; each copy is loaded and
 * run by its converter), plus variant files the user wrote earlier. FP16 keeps float32 inputs and outputs and
 * INT8 is U8S8 QDQ, so every copy takes exactly the same input set as the original. INT8 copies carry the facts
 * that decide their speed here ({@link Int8Inspector}). Closing deletes the temporary folder.
 */
public final class PrecisionCopies implements AutoCloseable {
    private final Path directory;
    private final List<ModelPrecision> precisions;

    private PrecisionCopies(Path directory, List<ModelPrecision> precisions) {
        this.directory = directory;
        this.precisions = List.copyOf(precisions);
    }

    /**
     * @param choices     the precisions to make (FP32 is the model itself and always first)
     * @param variants    model files written earlier (e.g. by {@code quantize}) to run beside them
     * @param calibration INT8 static's calibration set; null to calibrate on {@code sample} alone
     * @param sample      the inputs the comparison runs (each copy is checked on them)
     */
    public static PrecisionCopies make(Path model, List<Precision> choices, List<Path> variants, SampleSet calibration,
                                       Map<String, HostTensor> sample, ModelVerifier verifier, Progress progress)
            throws WorkbenchException {
        Path dir;
        try {
            dir = TemporaryFolders.create("onnx-workbench-precision");
        } catch (IOException e) {
            throw new WorkbenchException("Cannot create a temporary folder for the precision copies: " + IoReasons.of(e));
        }
        try {
            return new PrecisionCopies(dir, build(model, choices, variants, calibration, sample, verifier, progress, dir));
        } catch (WorkbenchException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static List<ModelPrecision> build(Path model, List<Precision> choices, List<Path> variants,
                                              SampleSet calibration, Map<String, HostTensor> sample,
                                              ModelVerifier verifier, Progress progress, Path dir)
            throws WorkbenchException {
        Int8Inspector inspector = new Int8Inspector(new GraphOptimizer(verifier.factory()));
        List<ModelPrecision> out = new ArrayList<>();
        out.add(ModelPrecision.original(model, size(model)));
        String stem = model.getFileName().toString().replaceFirst("\\.onnx$", "");
        int step = 0;
        int steps = choices.size() + variants.size();
        for (Precision p : choices) {
            step++;
            if (p == Precision.FP32) {
                continue;
            }
            progress.update("Writing the " + p.label() + " copy", step, steps);
            Path file = dir.resolve(stem + "." + p.cliName() + ".onnx");
            try {
                out.add(switch (p) {
                    case FP16 -> fp16(model, file, sample, verifier);
                    case INT8_DYNAMIC -> dynamic(model, file, sample, verifier, inspector, dir);
                    case INT8_STATIC -> int8Static(model, file, calibration, sample, verifier, inspector, dir, progress);
                    case FP32 -> throw new IllegalStateException();
                });
            } catch (WorkbenchException e) {
                throw new WorkbenchException("The " + p.label() + " copy of " + model.getFileName()
                        + " could not be made: " + e.getMessage(), e);
            }
        }
        Graph original = new OnnxReader().read(model).graph();
        Set<String> names = new HashSet<>();
        for (Path v : variants) {
            step++;
            progress.update("Reading the variant " + v.getFileName(), step, steps);
            out.add(variant(model, original, v, verifier, inspector, dir, names));
        }
        return out;
    }

    private static ModelPrecision fp16(Path model, Path file, Map<String, HostTensor> sample, ModelVerifier verifier)
            throws WorkbenchException {
        Fp16Report r = new Fp16Converter(verifier).convert(model, file, new Fp16Options(true, Set.of()), sample);
        checked(r.check().ok(), r.check().message());
        int blocked = r.blocked().values().stream().mapToInt(Integer::intValue).sum();
        String origin = String.format(Locale.ROOT, "FP16 copy: %d weights converted, inputs and outputs kept float32%s",
                r.initializers() + r.constants(), blocked > 0 ? ", " + blocked + " nodes kept float32" : "");
        return new ModelPrecision(Precision.FP16.cliName(), Precision.FP16.label(), file, size(file), origin, null);
    }

    private static ModelPrecision dynamic(Path model, Path file, Map<String, HostTensor> sample, ModelVerifier verifier,
                                          Int8Inspector inspector, Path dir) throws WorkbenchException {
        QuantizationReport r = new DynamicQuantizer(verifier).quantize(model, file, QuantizeOptions.defaults(), sample);
        checked(r.check().ok(), r.check().message());
        return new ModelPrecision(Precision.INT8_DYNAMIC.cliName(), Precision.INT8_DYNAMIC.label(), file, size(file),
                "INT8 dynamic copy: " + quantized(r), facts(inspector, file, verifier, dir));
    }

    private static ModelPrecision int8Static(Path model, Path file, SampleSet calibration, Map<String, HostTensor> sample,
                                              ModelVerifier verifier, Int8Inspector inspector, Path dir, Progress progress)
            throws WorkbenchException {
        SampleSet set = calibration;
        if (set == null) {
            Model parsed = new OnnxReader().read(model);
            set = SampleSet.of(InputSpecs.derive(parsed), List.of(sample), "the compared inputs");
        }
        // per-channel weight scales: what users ship (no slower in ONNX Runtime's QLinearConv, and per-tensor scales
        // lose a depthwise Conv's small channels); an opset below 13 is converted op by op first
        QuantizeOptions options = new QuantizeOptions(CalibrationMethod.MINMAX, true, false, Set.of(), 99.999);
        QuantizationReport r = new StaticQuantizer(verifier).quantize(model, file, options, set, progress);
        checked(r.check().ok(), r.check().message());
        return new ModelPrecision(Precision.INT8_STATIC.cliName(), Precision.INT8_STATIC.label(), file, size(file),
                "INT8 static copy (U8S8, per-channel weights, calibrated on " + r.calibration() + "): " + quantized(r)
                        + (calibration == null ? "; calibrated on the very inputs it is compared on, so its agreement "
                        + "is optimistic: give calibration data of its own" : ""),
                facts(inspector, file, verifier, dir));
    }

    private static ModelPrecision variant(Path model, Graph original, Path file, ModelVerifier verifier,
                                          Int8Inspector inspector, Path dir, Set<String> names) throws WorkbenchException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The variant file " + file + " does not exist.");
        }
        try {
            if (Files.isSameFile(model, file)) {
                throw new InvalidInputException("The variant file " + file.getFileName() + " is the model itself; it already runs as FP32.");
            }
        } catch (IOException e) {
            throw new InvalidInputException("The variant file " + file + ": " + IoReasons.of(e));
        }
        Graph graph = new OnnxReader().read(file).graph();
        sameInputs(original, graph, file);
        String label = file.getFileName().toString();
        String name = "variant:" + label;
        if (!names.add(name)) {
            throw new InvalidInputException("The variant file " + label + " is given twice.");
        }
        return new ModelPrecision(name, label, file, size(file), "a variant file given with --variant",
                facts(inspector, file, verifier, dir));
    }

    /** A variant must take the same inputs (names, element types, fixed sizes), so it runs on the same input set. */
    private static void sameInputs(Graph original, Graph variant, Path file) throws InvalidInputException {
        Map<String, ValueType> want = inputTypes(original);
        Map<String, ValueType> have = inputTypes(variant);
        for (Map.Entry<String, ValueType> e : want.entrySet()) {
            ValueType t = have.get(e.getKey());
            if (t == null) {
                throw new InvalidInputException("The variant file " + file.getFileName() + " has no input '"
                        + e.getKey() + "' that the model takes; a variant must take the same inputs.");
            }
            if (!fits(t, e.getValue())) {
                throw new InvalidInputException("The variant file " + file.getFileName() + ": its input '" + e.getKey()
                        + "' is " + t + " but the model's is " + e.getValue() + "; a variant must take the same "
                        + "values (write FP16 variants with --keep-io-types).");
            }
        }
    }

    /** Same element type and rank; sizes fixed in both must be equal. */
    private static boolean fits(ValueType have, ValueType want) {
        if (!(have instanceof ValueType.TensorType h) || !(want instanceof ValueType.TensorType w)) {
            return String.valueOf(have).equals(String.valueOf(want));
        }
        if (h.elementType() != w.elementType()) {
            return false;
        }
        if (!h.shape().rankKnown() || !w.shape().rankKnown()) {
            return true;
        }
        if (h.shape().rank() != w.shape().rank()) {
            return false;
        }
        for (int i = 0; i < h.shape().rank(); i++) {
            if (h.shape().dims().get(i) instanceof Dimension.Fixed a && w.shape().dims().get(i) instanceof Dimension.Fixed b
                    && a.value() != b.value()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, ValueType> inputTypes(Graph g) {
        Set<String> initializers = new HashSet<>();
        g.initializers().forEach(t -> initializers.add(t.name()));
        Map<String, ValueType> out = new LinkedHashMap<>();
        for (ValueInfo v : g.inputs()) {
            if (!initializers.contains(v.name())) {
                out.put(v.name(), v.type());
            }
        }
        return out;
    }

    private static Int8Facts facts(Int8Inspector inspector, Path file, ModelVerifier verifier, Path dir)
            throws WorkbenchException {
        Path scratch = dir.resolve(file.getFileName() + ".optimized.onnx");
        try {
            return inspector.inspect(file, verifier.settings(), scratch);
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException e) {
                // the folder goes on close
            }
        }
    }

    private static String quantized(QuantizationReport r) {
        return r.quantizedCount() + " nodes quantized (" + String.join(", ", r.quantized().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                .map(e -> e.getKey() + " " + e.getValue()).toList()) + ")";
    }

    private static void checked(boolean ok, String message) throws WorkbenchException {
        if (!ok) {
            throw new WorkbenchException(message);
        }
    }

    private static long size(Path file) throws WorkbenchException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot read " + file + ": " + IoReasons.of(e));
        }
    }

    /** FP32 (the model itself) first, then the copies in the order asked, then the variants. */
    public List<ModelPrecision> precisions() {
        return precisions;
    }

    /** The temporary folder the copies are in (deleted on close). */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        delete(directory);
    }

    private static void delete(Path dir) {
        TemporaryFolders.delete(dir);
    }
}
