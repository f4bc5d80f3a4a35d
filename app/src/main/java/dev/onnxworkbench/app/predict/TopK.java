package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Reads a classification output as the k most likely classes. Scores that are not already probabilities
 * (negative, or not summing to one) are shown through a softmax next to the raw score.
 */
final class TopK {

    private static final Pattern CLASSIFIER_NAME = Pattern.compile("(?i).*(prob|score|logit|softmax|class|label|pred).*");

    record Entry(int classIndex, String label, double score, double probability) {}

    private TopK() {}

    /** True when the output looks like one score per class: [K] or [1,K] floats, K ≥ 2, labelled or named so. */
    static boolean isClassification(OutputValue.TensorOutput t, List<String> labels) {
        if (!t.isNumeric() || !t.elementType().isFloatingPoint()) {
            return false;
        }
        long[] s = t.shape();
        boolean vector = s.length == 1 || (s.length == 2 && s[0] == 1);
        long classes = s.length == 0 ? 0 : s[s.length - 1];
        return vector && classes >= 2 && (labels.size() == classes || CLASSIFIER_NAME.matcher(t.name()).matches());
    }

    static List<Entry> of(OutputValue.TensorOutput t, List<String> labels, int k) {
        int classes = (int) t.shape()[t.shape().length - 1];
        double[] scores = new double[classes];
        boolean probabilities = true;
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            scores[i] = t.get(i);
            probabilities &= scores[i] >= 0 && scores[i] <= 1;
            sum += scores[i];
        }
        probabilities &= Math.abs(sum - 1) < 1e-3;
        double[] probs = probabilities ? scores : softmax(scores);
        List<Entry> entries = new ArrayList<>();
        IntStream.range(0, classes).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
                .limit(k)
                .forEach(i -> entries.add(new Entry(i, i < labels.size() && labels.size() == classes ? labels.get(i)
                        : "class " + i, scores[i], probs[i])));
        return entries;
    }

    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.exp(scores[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    static boolean isImage(OutputValue.TensorOutput t) {
        long[] s = t.shape();
        return t.isNumeric() && (t.elementType() == ElementType.FLOAT || t.elementType() == ElementType.FLOAT16
                || t.elementType() == ElementType.DOUBLE) && s.length == 4 && (s[1] == 3 || s[1] == 1)
                && s[2] >= 8 && s[3] >= 8;
    }
}
