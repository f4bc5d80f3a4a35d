package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's labels for an evaluation set, read the same way by every door ({@code --labels}, the Quantize window):
 * a classifier's class index per sample ({@code label} or {@code name,label} lines, in sample order), or a
 * detector's boxes ({@link BoxLabels}: {@code picture,x0,y0,x1,y1} lines).
 *
 * @param classes class indices, or null for a box file
 * @param boxes   boxes, or null for a class file
 */
public record TaskLabels(List<Integer> classes, BoxLabels boxes) {

    public static TaskLabels read(Path file) throws InvalidInputException {
        List<String> lines = BoxLabels.lines(file); // read once: the format and the values come from the same lines
        if (BoxLabels.isBoxLines(lines)) {
            return new TaskLabels(null, BoxLabels.parse(lines, file));
        }
        return new TaskLabels(classes(lines, file), null);
    }

    private static List<Integer> classes(List<String> lines, Path file) throws InvalidInputException {
        List<Integer> out = new ArrayList<>();
        int line = 0;
        for (String l : lines) {
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
                throw new InvalidInputException("--labels " + file.getFileName() + ", line " + line + ": '" + last
                        + "' is not a class index.");
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--labels " + file.getFileName() + " holds no labels.");
        }
        return out;
    }
}
