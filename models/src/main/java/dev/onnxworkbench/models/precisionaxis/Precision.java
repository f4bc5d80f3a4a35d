package dev.onnxworkbench.models.precisionaxis;

import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A precision the comparison and the tuner can make a copy of the model at. */
public enum Precision {
    FP32("fp32", "FP32"),
    FP16("fp16", "FP16"),
    INT8_DYNAMIC("int8-dynamic", "INT8 dynamic"),
    INT8_STATIC("int8-static", "INT8 static (QDQ)");

    private final String cliName;
    private final String label;

    Precision(String cliName, String label) {
        this.cliName = cliName;
        this.label = label;
    }

    /** fp32, fp16, int8-dynamic, int8-static: the CLI's and the JSON's name. */
    public String cliName() {
        return cliName;
    }

    public String label() {
        return label;
    }

    public static Precision parse(String text) throws InvalidInputException {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Precision p : values()) {
            if (p.cliName.equals(t)) {
                return p;
            }
        }
        if (t.equals("int8")) {
            return INT8_STATIC;
        }
        throw new InvalidInputException("--precision " + text + ": choose from " + Arrays.stream(values())
                .map(Precision::cliName).collect(Collectors.joining(", ")) + ".");
    }

    /** The named precisions, FP32 first (always: every other precision is measured against it), no repeats. */
    public static List<Precision> parseAll(List<String> names) throws InvalidInputException {
        List<Precision> out = new ArrayList<>(List.of(FP32));
        for (String n : names) {
            Precision p = parse(n);
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
