package dev.onnxworkbench.models.optimize;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;

/**
 * A model as ONNX Runtime optimized it and saved it: where, with which settings, the graph, what changed,
 * why the file is tied to this setup, and whether it ran.
 *
 * @param level     basic, extended or all
 * @param original  the model as read before optimizing
 * @param optimized the saved file, read back
 * @param check     the run of the saved file against the original, or null when not run
 */
public record OptimizedModel(Path source, Path out, String level, ProviderSettings settings, Model original,
                             Model optimized, OptimizationDiff.Summary summary, String note, RunCheck check) {

    /**
     * The saved file run on the same inputs as the original.
     *
     * @param ran         whether the saved model ran
     * @param inputs      the inputs it ran on, one line
     * @param maxAbsError largest difference from the original model's outputs over all outputs (NaN if none)
     * @param agrees      every output within tolerance of the original's
     * @param message     what happened, for a person
     */
    public record RunCheck(boolean ran, String inputs, double maxAbsError, boolean agrees, String message) {}

    /** A few sentences a person reads: the counts and the largest rewrites. */
    public String inWords() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(java.util.Locale.ROOT, "%d nodes → %d at level %s on %s.", summary.nodesBefore(),
                summary.nodesAfter(), level, settings.provider().displayName()));
        if (!summary.fused().isEmpty()) {
            s.append(" Fused: ").append(String.join("; ", summary.fused().stream().map(Fusion::toString).toList())).append('.');
        }
        if (!summary.folded().isEmpty()) {
            s.append(" Folded into constants: ").append(counts(summary.folded())).append('.');
        }
        if (!summary.eliminated().isEmpty()) {
            s.append(" Removed: ").append(counts(summary.eliminated())).append('.');
        }
        if (summary.levelAll() != null && !summary.levelAll().added().isEmpty()) {
            s.append(" Level all then replaced ").append(counts(summary.levelAll().removed())).append(" with ")
                    .append(counts(summary.levelAll().added())).append('.');
        }
        if (summary.fused().isEmpty() && summary.folded().isEmpty() && summary.eliminated().isEmpty()) {
            s.append(summary.levelAll() == null ? " Nothing was fused, folded or removed."
                    : " Before that, level extended fused, folded and removed nothing.");
        }
        return s.toString();
    }

    static String counts(java.util.Map<String, Integer> counts) {
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
}
