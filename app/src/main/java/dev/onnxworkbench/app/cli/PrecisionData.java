package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.precision.TaskLabels;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The data options of {@code quantize} and {@code convert} ({@code @Mixin}): the calibration and evaluation sets
 * and the labels. Pictures and recordings in a folder become tensors through the media road with the INPUTS
 * options' settings ({@code --image-size}, {@code --resize}, {@code --scaling}, {@code --mean/--std},
 * {@code --layout}, {@code --channels}, {@code --sample-rate}, {@code --audio-*}, {@code --dim}, {@code --shape}).
 */
final class PrecisionData {
    @Option(names = "--calibrate", paramLabel = "NAME=FILE|DIR",
            description = "calibration data: NAME=FILE.npy per input (first axis = samples), or a folder of "
                    + "test_data_set_N folders, .npy/.pb files or images; repeatable for NAME=FILE")
    List<String> calibrate = new ArrayList<>();

    @Option(names = "--evaluate", paramLabel = "NAME=FILE|DIR",
            description = "evaluation data, as --calibrate (data the model was not calibrated on)")
    List<String> evaluate = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "task accuracy of both models against your labels: one class index per evaluation "
                    + "sample (a line each; 'name,label' lines take the last field), or a detector's boxes, one "
                    + "'picture,x0,y0,x1,y1' line per box in the picture's pixels (scored by DetEval)")
    Path labels;

    /**
     * The calibration set. Pictures and recordings in a folder become tensors as the INPUTS options'
     * picture and recording settings say ({@link MediaOptions}), exactly as {@code run --input x=photo.png}.
     */
    SampleSet calibration(Model model, InputOptions inputs) throws WorkbenchException {
        return set(model, calibrate, "--calibrate", inputs);
    }

    SampleSet evaluation(Model model, InputOptions inputs) throws WorkbenchException {
        return set(model, evaluate, "--evaluate", inputs);
    }

    private SampleSet set(Model model, List<String> options, String flag, InputOptions inputs)
            throws WorkbenchException {
        if (options.isEmpty()) {
            return null;
        }
        List<InputSpec> specs = InputSpecs.derive(model);
        if (options.size() == 1 && !options.getFirst().contains("=")) {
            return SampleSet.fromDirectory(specs, model.graph(), Path.of(options.getFirst()), media(specs, inputs));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("Write " + flag + " as NAME=FILE per input, or one folder; not '"
                        + o + "'.");
            }
            Path file = Path.of(o.substring(eq + 1).strip());
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(flag + " " + o + ": the file " + file + " does not exist.");
            }
            files.put(o.substring(0, eq).strip(), file);
        }
        return SampleSet.fromFiles(specs, files);
    }

    /** The media road's settings from the INPUTS options: per input, the picture settings; the recording's; sizes. */
    static SampleSet.Media media(List<InputSpec> specs, InputOptions inputs) throws WorkbenchException {
        Map<String, ImageSettings> images = new LinkedHashMap<>();
        for (InputSpec spec : specs) {
            if (spec.isTensor()) {
                images.put(spec.name(), inputs.media.imageSettings(spec));
            }
        }
        return new SampleSet.Media(images, inputs.media.audioSettings(), inputs.chosenSizes(specs));
    }

    /** The --labels file through the one reader every door uses; null without --labels. */
    TaskLabels taskLabels() throws WorkbenchException {
        return labels == null ? null : TaskLabels.read(labels);
    }
}
