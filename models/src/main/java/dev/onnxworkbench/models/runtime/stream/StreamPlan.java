package dev.onnxworkbench.models.runtime.stream;

import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a long input runs window by window: the input cut into windows of {@code window} samples along its last
 * axis, the next window {@code hop} samples later, and each output in {@code carry} fed back into its input for
 * the next window (a recurrent state). Parsed from {@code --window input=512[:HOP]} and {@code --carry stateN=state}.
 */
public record StreamPlan(String input, int window, int hop, Map<String, String> carry) {

    public StreamPlan {
        if (window < 1 || hop < 1) {
            throw new IllegalArgumentException("window and hop must be at least 1 sample");
        }
        carry = Collections.unmodifiableMap(new LinkedHashMap<>(carry));
    }

    /** {@code input=512} or {@code input=512:256}, and {@code OUTPUT=INPUT} pairs. */
    public static StreamPlan parse(String window, List<String> carries) throws InvalidInputException {
        int eq = window.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("Write --window as INPUT=SAMPLES[:HOP], e.g. input=512, not '" + window + "'.");
        }
        String input = window.substring(0, eq).strip();
        String[] parts = window.substring(eq + 1).split(":", -1);
        int size = positive(parts[0], "--window " + window + ": the window");
        int hop = parts.length > 1 ? positive(parts[1], "--window " + window + ": the hop") : size;
        if (parts.length > 2) {
            throw new InvalidInputException("Write --window as INPUT=SAMPLES[:HOP], not '" + window + "'.");
        }
        Map<String, String> carry = new LinkedHashMap<>();
        for (String c : carries) {
            int e = c.indexOf('=');
            if (e <= 0 || e == c.length() - 1) {
                throw new InvalidInputException("Write --carry as OUTPUT=INPUT, e.g. stateN=state, not '" + c + "'.");
            }
            carry.put(c.substring(0, e).strip(), c.substring(e + 1).strip());
        }
        return new StreamPlan(input, size, hop, carry);
    }

    private static int positive(String text, String what) throws InvalidInputException {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // the message below
        }
        throw new InvalidInputException(what + " must be a whole number of samples, 1 or more, not '" + text + "'.");
    }

    /** How many windows cover {@code length} samples (the last one padded with zeros when it runs past the end). */
    public int windows(long length) {
        return length <= window ? 1 : (int) ((length - window + hop - 1) / hop) + 1;
    }

    /** "windows of 512 samples, hop 512, carrying stateN → state". */
    public String describe() {
        StringBuilder b = new StringBuilder("windows of " + window + " samples, hop " + hop);
        if (!carry.isEmpty()) {
            b.append(", carrying ");
            b.append(String.join(", ", carry.entrySet().stream().map(e -> e.getKey() + " → " + e.getValue()).toList()));
        }
        return b.toString();
    }
}
