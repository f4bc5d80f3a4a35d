package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputRecipe;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two fields the windows' precision axes share with {@code bench}/{@code tune}'s {@code --calibrate DIR} and
 * {@code --variant FILE}: Compare and Tune read them here, so both windows accept and refuse the same text.
 */
public final class PrecisionSources {
    private PrecisionSources() {
    }

    /** Variant files separated by ';' or new lines, in order; one that is not an existing .onnx file names itself. */
    public static List<Path> variants(String text) throws InvalidInputException {
        List<Path> files = new ArrayList<>();
        if (text == null) {
            return files;
        }
        for (String part : text.split("[;\\n]")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("Variant files: " + file + " does not exist.");
            }
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                throw new InvalidInputException("Variant files: " + file.getFileName() + " is not an .onnx file.");
            }
            files.add(file);
        }
        return files;
    }

    /** The variant field's text with {@code added} files appended ('; '-separated), each file listed once. */
    public static String withVariants(String text, List<Path> added) {
        List<String> all = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[;\\n]")) {
            if (!part.isBlank()) {
                all.add(part.strip());
            }
        }
        added.stream().map(Path::toString).filter(f -> !all.contains(f)).forEach(all::add);
        return String.join("; ", all);
    }

    /** The calibration folder, or null when blank; one that is not a folder names itself. */
    public static Path calibrationFolder(String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            return null;
        }
        Path dir = Path.of(text.strip());
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("Calibration folder: " + dir + " is not a folder.");
        }
        return dir;
    }

    /**
     * The folder's samples for the model, as {@code quantize --calibrate DIR} reads them; null for no folder. An
     * input whose compared (or tuned) value is a picture gives the folder's pictures that picture's settings (resize,
     * layout, channels, scaling), so the copy is calibrated on what Predict makes, as the Quantize window does.
     */
    public static SampleSet calibrationSet(Path model, Path folder, InputSet compared) throws WorkbenchException {
        if (folder == null) {
            return null;
        }
        Model parsed = new OnnxReader().read(model);
        Map<String, ImageSettings> pictures = new LinkedHashMap<>();
        if (compared != null) {
            for (String name : compared.names()) {
                if (compared.source(name) instanceof InputSource.Values v
                        && v.recipe() instanceof InputRecipe.ImageFile image) {
                    pictures.put(name, image.settings());
                }
            }
        }
        return SampleSet.fromDirectory(InputSpecs.derive(parsed), parsed.graph(), folder,
                new SampleSet.Media(pictures, AudioSettings.DEFAULT, Map.of()));
    }
}
