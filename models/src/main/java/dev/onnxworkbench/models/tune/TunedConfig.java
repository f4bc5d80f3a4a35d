package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.runtime.SessionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Saves the winner: the session config file, and beside it the Java and Python snippets that open the same
 * session ({@code best.json} → {@code best.java.txt}, {@code best.py}); when the winner is a lower-precision copy,
 * that model file too ({@code best.int8-static.onnx}), since the settings belong to it.
 */
public final class TunedConfig {
    private TunedConfig() {}

    /** Writes the three files and returns their paths (config first). */
    public static List<Path> save(TuneReport report, Path configFile) throws WorkbenchException {
        if (report.best() == null) {
            throw new WorkbenchException("Nothing to save: no setting was measured with outputs that agree with the CPU.");
        }
        var settings = report.best().settings();
        String comment = String.format(Locale.ROOT, "tune: p50 %.3f ms (default %.3f ms, speedup %.2fx) on %s",
                report.bestLatency().p50(), report.defaultLatency() == null ? Double.NaN : report.defaultLatency().p50(),
                report.speedup(), Path.of(report.model()).getFileName());
        SessionConfig.write(settings, comment, configFile);
        String stem = configFile.getFileName().toString().replaceFirst("\\.json$", "");
        ModelPrecision precision = report.best().precision();
        String modelPath = report.model();
        Path copy = null;
        if (precision != null && precision.name().startsWith("variant:")) {
            modelPath = precision.file().toString(); // the user's own file: the snippets open it where it is
        } else if (precision != null) {
            copy = configFile.resolveSibling(stem + "." + precision.name() + ".onnx");
            try {
                Files.copy(precision.file(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new WorkbenchException("Cannot write the winning " + precision.label() + " model beside "
                        + configFile + ": " + e.getMessage());
            }
            modelPath = copy.toString();
        }
        Path java = configFile.resolveSibling(stem + ".java.txt");
        Path python = configFile.resolveSibling(stem + ".py");
        try {
            Files.writeString(java, SessionSnippets.java(settings, modelPath), StandardCharsets.UTF_8);
            Files.writeString(python, SessionSnippets.python(settings, modelPath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot write the snippets beside " + configFile + ": " + e.getMessage());
        }
        return copy == null ? List.of(configFile, java, python) : List.of(configFile, java, python, copy);
    }
}
