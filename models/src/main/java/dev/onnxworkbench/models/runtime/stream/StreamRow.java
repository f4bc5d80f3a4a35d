package dev.onnxworkbench.models.runtime.stream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One window of a streaming run: its position ({@code startSample}, and in seconds when the sample rate is
 * known) and the first values of each output that is not carried.
 */
public record StreamRow(int index, long startSample, long endSample, double startSeconds, double endSeconds,
                        Map<String, double[]> values) {
    public StreamRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The first value of an output, NaN when it has none. */
    public double first(String output) {
        double[] v = values.get(output);
        return v == null || v.length == 0 ? Double.NaN : v[0];
    }
}
