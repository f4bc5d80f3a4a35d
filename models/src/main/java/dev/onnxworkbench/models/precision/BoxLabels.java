package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector's ground truth: boxes per picture, in the picture's own pixels, one {@code picture,x0,y0,x1,y1} line
 * per box (a header line and {@code #} comments are skipped). A picture of the evaluation set without a line has no
 * text: every box found in it is a false positive.
 */
public final class BoxLabels {
    private final Map<String, List<double[]>> byPicture;
    private final int count;

    private BoxLabels(Map<String, List<double[]>> byPicture, int count) {
        this.byPicture = byPicture;
        this.count = count;
    }

    /** Whether a labels file's first data line is a box ({@code name,x0,y0,x1,y1}) rather than a class index. */
    public static boolean isBoxFile(Path file) throws InvalidInputException {
        return isBoxLines(lines(file));
    }

    static boolean isBoxLines(List<String> lines) {
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split(",");
            if (f.length == 5 && numbers(f) != null) {
                return true;
            }
            if (f.length == 5 && numbers(f) == null && !f[1].strip().matches("-?[0-9.]+")) {
                continue; // a header row
            }
            return false;
        }
        return false;
    }

    public static BoxLabels read(Path file) throws InvalidInputException {
        return parse(lines(file), file);
    }

    /** The boxes of a labels file's lines, already read; {@code file} names it in messages. */
    static BoxLabels parse(List<String> lines, Path file) throws InvalidInputException {
        Map<String, List<double[]>> byPicture = new LinkedHashMap<>();
        int line = 0;
        int count = 0;
        for (String l : lines) {
            line++;
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split(",");
            double[] box = f.length == 5 ? numbers(f) : null;
            if (box == null) {
                if (count == 0 && byPicture.isEmpty() && f.length == 5) {
                    continue; // a header row
                }
                throw new InvalidInputException("--labels " + file.getFileName() + ", line " + line + ": write a box as "
                        + "picture,x0,y0,x1,y1 (numbers, x0 < x1, y0 < y1), not '" + t + "'.");
            }
            byPicture.computeIfAbsent(f[0].strip(), k -> new ArrayList<>()).add(box);
            count++;
        }
        if (count == 0) {
            throw new InvalidInputException("--labels " + file.getFileName() + " holds no boxes.");
        }
        return new BoxLabels(byPicture, count);
    }

    /** The boxes of a picture (by file name), in its pixels; empty when it has none. */
    public List<double[]> of(String picture) {
        return byPicture.getOrDefault(picture, List.of());
    }

    public boolean names(String picture) {
        return byPicture.containsKey(picture);
    }

    public int count() {
        return count;
    }

    public java.util.Set<String> pictures() {
        return byPicture.keySet();
    }

    private static double[] numbers(String[] f) {
        double[] v = new double[4];
        try {
            for (int k = 0; k < 4; k++) {
                v[k] = Double.parseDouble(f[k + 1].strip());
                if (!Double.isFinite(v[k])) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return v[0] < v[2] && v[1] < v[3] ? v : null;
    }

    /** A labels file's lines, read once by whoever decides what it holds. */
    static List<String> lines(Path file) throws InvalidInputException {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read --labels " + file + ": " + e.getMessage());
        }
    }
}
