package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The data options of {@code quantize} and {@code convert} ({@code @Mixin}): the calibration and evaluation sets
 * and the labels. Image files in a set become tensors as INPUTS' picture flags ({@code --image-size},
 * {@code --scaling}, {@code --layout}, {@code --channels}) say.
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
            description = "one class index per evaluation sample (a line each; 'name,label' lines take the last "
                    + "field): task accuracy of both models")
    Path labels;

    /** The calibration set; images become tensors as INPUTS' picture flags say ({@link MediaOptions}). */
    SampleSet calibration(Model model, MediaOptions media) throws WorkbenchException {
        return set(model, calibrate, "--calibrate", media);
    }

    SampleSet evaluation(Model model, MediaOptions media) throws WorkbenchException {
        return set(model, evaluate, "--evaluate", media);
    }

    private SampleSet set(Model model, List<String> options, String flag, MediaOptions media)
            throws WorkbenchException {
        if (options.isEmpty()) {
            return null;
        }
        List<InputSpec> specs = InputSpecs.derive(model);
        if (options.size() == 1 && !options.getFirst().contains("=")) {
            return SampleSet.fromDirectory(specs, model.graph(), Path.of(options.getFirst()), images(media));
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

    static SampleSet.ImageSettings images(MediaOptions media) throws InvalidInputException {
        String imageSize = media.imageSize;
        String scaling = media.scaling;
        String layout = media.layout;
        String channels = media.channels;
        Integer w = null;
        Integer h = null;
        if (imageSize != null) {
            String[] wh = imageSize.toLowerCase(Locale.ROOT).split("x");
            try {
                w = Integer.parseInt(wh[0].strip());
                h = Integer.parseInt(wh[1].strip());
            } catch (RuntimeException e) {
                throw new InvalidInputException("--image-size " + imageSize + ": write WIDTHxHEIGHT, e.g. 640x640.");
            }
        }
        PixelScaling s = PixelScaling.ZERO_ONE;
        if (scaling != null) {
            s = switch (scaling.strip().toLowerCase(Locale.ROOT)) {
                case "0-1" -> PixelScaling.ZERO_ONE;
                case "0-255" -> PixelScaling.ZERO_255;
                case "imagenet" -> PixelScaling.IMAGENET;
                case "-1-1" -> PixelScaling.MINUS_ONE_ONE;
                default -> throw new InvalidInputException("--scaling " + scaling
                        + ": choose 0-1, 0-255, imagenet or -1-1.");
            };
        }
        ImageLayout l = null;
        if (layout != null) {
            l = switch (layout.strip().toLowerCase(Locale.ROOT)) {
                case "nchw" -> ImageLayout.NCHW;
                case "nhwc" -> ImageLayout.NHWC;
                default -> throw new InvalidInputException("--layout " + layout + ": choose nchw or nhwc.");
            };
        }
        boolean bgr = channels != null && channels.strip().equalsIgnoreCase("bgr");
        if (channels != null && !bgr && !channels.strip().equalsIgnoreCase("rgb")) {
            throw new InvalidInputException("--channels " + channels + ": choose rgb or bgr.");
        }
        return new SampleSet.ImageSettings(w, h, s, l, bgr);
    }

    List<Integer> labels() throws WorkbenchException {
        if (labels == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        try {
            int line = 0;
            for (String l : Files.readAllLines(labels)) {
                line++;
                String t = l.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String last = t.substring(t.lastIndexOf(',') + 1).strip();
                try {
                    out.add(Integer.parseInt(last));
                } catch (NumberFormatException e) {
                    if (out.isEmpty() && line == 1) {
                        continue; // a header row
                    }
                    throw new InvalidInputException("--labels " + labels + ", line " + line + ": '" + last
                            + "' is not a class index.");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read --labels " + labels + ": " + e.getMessage());
        }
        return out;
    }
}
