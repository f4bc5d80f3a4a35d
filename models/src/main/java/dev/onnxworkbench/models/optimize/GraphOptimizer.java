package dev.onnxworkbench.models.optimize;

import dev.onnxworkbench.models.TemporaryFolders;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.InvalidSettingsException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.tensor.ValueComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The graph as ONNX Runtime runs it: opens a session at a graph optimization level on a provider with
 * {@code SessionOptions.setOptimizedModelFilePath}, so ONNX Runtime saves the graph after its rewrites,
 * reads that file back, says what changed ({@link OptimizationDiff}) and, given inputs, runs the saved file
 * against the original. Writes only the file it is told to.
 */
public final class GraphOptimizer {
    /** The levels that rewrite anything; "disable" would save the graph unchanged. */
    public static final List<String> LEVELS = List.of("basic", "extended", "all");
    /** Fused kernels round differently from the separate ones; this is "the same result" for a saved graph. */
    public static final Tolerance AGREEMENT = new Tolerance(1e-3, 1e-4);

    private final SessionFactory sessions;

    public GraphOptimizer(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Optimizes {@code source} at {@code level} with {@code settings}' provider and options and writes the result
     * to {@code out}.
     *
     * @param inputs       what to run the saved file on (and the original, to compare); null to only load it
     * @param whyNoInputs  when {@code inputs} is null, why (said in the check's message)
     */
    public OptimizedModel optimize(Path source, String level, ProviderSettings settings, Path out, InputSet inputs,
                                   String whyNoInputs) throws WorkbenchException {
        String lvl = level == null ? "" : level.trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(lvl)) {
            throw new InvalidSettingsException("The optimization level must be basic, extended or all, not '" + level + "'.");
        }
        checkTarget(source, out);
        ProviderSettings at = settings.with(ProviderOption.GRAPH_OPTIMIZATION, lvl).validated();
        OnnxReader reader = new OnnxReader();
        Model original = reader.read(source);
        save(source, at, out);
        Model optimized = reader.read(out);
        OptimizationDiff.Summary summary = OptimizationDiff.between(original.graph(), optimized.graph());
        if (lvl.equals("all")) {
            // Level all's layout rewrites (NCHWc) rename the tensors that lead back to the original nodes, so the
            // fusions are read at level extended, and the last step is reported on its own.
            Path dir = null;
            try {
                dir = TemporaryFolders.create("onnx-workbench-optimize");
                Path extendedFile = dir.resolve("extended.onnx");
                save(source, at.with(ProviderOption.GRAPH_OPTIMIZATION, "extended"), extendedFile);
                Model extended = reader.read(extendedFile);
                summary = OptimizationDiff.Summary.atLevelAll(summary,
                        OptimizationDiff.between(original.graph(), extended.graph()),
                        OptimizationDiff.between(extended.graph(), optimized.graph()));
            } catch (IOException e) {
                throw new WorkbenchException("Cannot create a temporary folder: " + IoReasons.of(e));
            } finally {
                TemporaryFolders.delete(dir);
            }
        }
        String note = HardwareNote.of(at.provider(), lvl, optimized.graph());
        OptimizedModel.RunCheck check = inputs == null ? loadOnly(out, at, whyNoInputs) : check(source, out, at, inputs);
        return new OptimizedModel(source, out, lvl, at, original, optimized, summary, note, check);
    }

    /** Creating a session with an optimized-model path is what makes ONNX Runtime write the file. */
    private void save(Path source, ProviderSettings at, Path out) throws WorkbenchException {
        String target = out.toAbsolutePath().toString();
        try (ModelSession ignored = sessions.open(source, at, options -> options.setOptimizedModelFilePath(target))) {
            // written while the session was created
        }
        if (!Files.isRegularFile(out)) {
            throw new WorkbenchException("ONNX Runtime did not write " + out + " (is the folder writable?).");
        }
    }
    private static void checkTarget(Path source, Path out) throws WorkbenchException {
        if (out == null) {
            throw new WorkbenchException("Say where to write the optimized model (--out FILE.onnx).");
        }
        try {
            if (Files.exists(out) && Files.isSameFile(source, out)
                    || source.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new WorkbenchException("--out " + out + " is the model itself; choose another file so the "
                        + "original stays.");
            }
            if (Files.isDirectory(out)) {
                throw new WorkbenchException("--out " + out + " is a folder; give a file name such as model.opt.onnx.");
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new WorkbenchException("Cannot write to " + out + ": " + IoReasons.of(e));
        }
    }

    /**
     * Runs the saved file as it is (optimization disabled, so nothing is rewritten again) and the original
     * unoptimized, on the same inputs, and compares their outputs.
     */
    private OptimizedModel.RunCheck check(Path source, Path out, ProviderSettings at, InputSet inputs) {
        String described = inputs.summary();
        ProviderSettings asSaved = at.with(ProviderOption.GRAPH_OPTIMIZATION, "disable");
        PredictionResult optimizedRun;
        try (ModelSession session = sessions.open(out, asSaved)) {
            optimizedRun = session.run(inputs.values());
        } catch (WorkbenchException e) {
            return new OptimizedModel.RunCheck(false, described, Double.NaN, false,
                    "The saved model did not run: " + e.getMessage());
        }
        PredictionResult originalRun;
        try (ModelSession session = sessions.open(source, asSaved)) {
            originalRun = session.run(inputs.values());
        } catch (WorkbenchException e) {
            return new OptimizedModel.RunCheck(true, described, Double.NaN, false,
                    "The saved model ran, but the original did not, so they were not compared: " + e.getMessage());
        }
        List<Comparison> comparisons = new ValueComparator(AGREEMENT).compareAll(originalRun.outputs(), optimizedRun.outputs());
        double maxAbs = comparisons.stream().mapToDouble(Comparison::maxAbsError).filter(d -> !Double.isNaN(d)).max()
                .orElse(Double.NaN);
        boolean agrees = comparisons.stream().allMatch(Comparison::pass);
        String message = String.format(Locale.ROOT, "The saved model ran on %s; %s the unoptimized original "
                        + "(largest difference %.3g; rtol %.0e, atol %.0e).", described,
                agrees ? "its outputs agree with" : "its outputs DIFFER from", maxAbs, AGREEMENT.rtol(), AGREEMENT.atol());
        return new OptimizedModel.RunCheck(true, described, maxAbs, agrees, message);
    }

    /** Without inputs: at least ONNX Runtime loads the saved file. */
    private OptimizedModel.RunCheck loadOnly(Path out, ProviderSettings at, String why) {
        String reason = why == null ? "no inputs were given" : why;
        try (ModelSession ignored = sessions.open(out, at.with(ProviderOption.GRAPH_OPTIMIZATION, "disable"))) {
            return new OptimizedModel.RunCheck(false, "", Double.NaN, false,
                    "ONNX Runtime loads the saved model; it was not run because " + reason);
        } catch (WorkbenchException e) {
            return new OptimizedModel.RunCheck(false, "", Double.NaN, false, "ONNX Runtime cannot load the saved model: "
                    + e.getMessage());
        }
    }

    /** Lower-case level names the CLI and window offer. */
    public static Set<String> levels() {
        return Set.copyOf(LEVELS);
    }
}
