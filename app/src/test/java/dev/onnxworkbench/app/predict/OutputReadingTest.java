package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.HumanUnits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Top-k, statistics, comparison with expected values and number formatting on hand-made outputs. */
class OutputReadingTest {

    @Test
    void topKSortsClassesAndUsesLabels() {
        OutputValue.TensorOutput probs = floats("probabilities", new long[] {1, 4}, 0.1f, 0.6f, 0.05f, 0.25f);
        List<String> labels = List.of("red", "green", "blue", "yellow");

        assertThat(TopK.isClassification(probs, labels)).isTrue();
        List<TopK.Entry> top = TopK.of(probs, labels, 3);

        assertThat(top).extracting(TopK.Entry::label).containsExactly("green", "yellow", "red");
        assertThat(top.getFirst().probability()).isCloseTo(0.6, within(1e-6));
    }

    @Test
    void logitsGetASoftmaxAndUnlabelledClassesANumber() {
        OutputValue.TensorOutput logits = floats("logits", new long[] {3}, 2f, -1f, 0f);

        List<TopK.Entry> top = TopK.of(logits, List.of(), 2);

        assertThat(top.getFirst().label()).isEqualTo("class 0");
        assertThat(top.getFirst().score()).isEqualTo(2.0);
        double expected = Math.exp(2) / (Math.exp(2) + Math.exp(-1) + Math.exp(0));
        assertThat(top.getFirst().probability()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aRegressionOutputIsNotAClassification() {
        assertThat(TopK.isClassification(floats("weekly_change_kg", new long[] {1, 1}, 0.4f), List.of())).isFalse();
        assertThat(TopK.isImage(floats("y", new long[] {1, 3, 8, 8}, new float[192]))).isTrue();
    }

    @Test
    void summaryCountsNanApart() {
        TensorSummary s = TensorSummary.of(floats("x", new long[] {4}, 1f, 3f, Float.NaN, 2f));

        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(3.0);
        assertThat(s.mean()).isCloseTo(2.0, within(1e-12));
        assertThat(s.nanCount()).isEqualTo(1);
        assertThat(s.describe()).isEqualTo("min 1 · max 3 · mean 2 · std 0.8165 · 1 NaN · 0 ±Inf");
    }

    @Test
    void numbersReadWell() {
        assertThat(NumberText.format(3.0)).isEqualTo("3");
        assertThat(NumberText.format(0.125)).isEqualTo("0.125");
        assertThat(NumberText.format(1.5e-9)).isEqualTo("1.5000e-09");
        assertThat(NumberText.format(Double.NaN)).isEqualTo("NaN");
        assertThat(HumanUnits.millis(3.14159)).isEqualTo("3.14 ms");
    }

    static OutputValue.TensorOutput floats(String name, long[] shape, float... values) {
        try {
            return new OutputValue.TensorOutput(name, HostTensor.ofFloats(shape, values));
        } catch (WorkbenchException e) {
            throw new AssertionError(e);
        }
    }
}
